namespace Wiredesk.Ingest;

/// <summary>An input that cannot become a report: empty, binary, too large, malformed, unsafe or unreachable.
/// The message names the problem in one line; the caller prefixes the name of the input.</summary>
public sealed class InputRejectedException : Exception
{
    public InputRejectedException()
    {
    }

    public InputRejectedException(string message)
        : base(message)
    {
    }

    public InputRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
