namespace CardActors.Integration.Tests.Support;

/// <summary>The node process ended before it was ready; the message holds its output.</summary>
internal sealed class NodeStartException(string message) : Exception(message);
