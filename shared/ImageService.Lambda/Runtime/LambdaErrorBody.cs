namespace ImageService.Lambda.Runtime;

/// <summary>The JSON body of /invocation/{id}/error and /init/error.</summary>
internal sealed record LambdaErrorBody(string ErrorMessage, string ErrorType);
