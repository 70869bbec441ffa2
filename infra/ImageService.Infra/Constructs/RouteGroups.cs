namespace ImageService.Infra.Constructs;

/// <summary>
/// Handler names of the Lambda functions. Lambda passes a function's handler to the process as <c>_HANDLER</c>, and
/// the Api maps only that route group, so each function serves (and is permitted) one slice of the API.
/// </summary>
public static class RouteGroups
{
    public const string Upload = "upload";
    public const string Get = "get";
    public const string List = "list";
    public const string Update = "update";
    public const string Delete = "delete";
    public const string Transform = "transform";
    public const string Account = "account";
}
