namespace ImageService.Storage.Tests.Faults;

public enum ProxyMode
{
    /// <summary>Forward both ways.</summary>
    Pass,

    /// <summary>Accept the request and never answer (slower than any SDK timeout).</summary>
    Stall,

    /// <summary>Forward part of the request, then reset both connections (the service dies mid-request).</summary>
    CutMidRequest,

    /// <summary>Forward the request, then reset the client's connection when the answer comes (the write happened, the
    /// caller never hears).</summary>
    DropResponse,
}
