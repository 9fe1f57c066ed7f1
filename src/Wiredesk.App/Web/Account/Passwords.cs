using Microsoft.AspNetCore.Identity;
using Wiredesk.Storage;

namespace Wiredesk.App.Web.Account;

/// <summary>Password hashing with ASP.NET Core Identity's PasswordHasher (PBKDF2, salted, versioned format).</summary>
public static class Passwords
{
    public const int MinimumLength = 10;

    private static readonly PasswordHasher<User> Hasher = new();

    public static string Hash(string password) => Hasher.HashPassword(null!, password);

    public static bool Verify(User user, string password) =>
        Hasher.VerifyHashedPassword(user, user.PasswordHash, password) != PasswordVerificationResult.Failed;

    /// <summary>Why a password is refused, or null when it is acceptable.</summary>
    public static string? Problem(string password) =>
        password.Length < MinimumLength ? $"a password needs at least {MinimumLength} characters" : null;
}
