namespace Wiredesk.App.Web.Account;

/// <summary>Endpoint metadata: the route serves the signed-in reader's own data (webhooks, digests, watchlists). It
/// requires at least the reader role and scopes every query to the viewer, so another reader's item answers 404.
/// The convention test lets such a route mutate under /api with the reader role, and checks it requires a role.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class OwnerScopedAttribute : Attribute;
