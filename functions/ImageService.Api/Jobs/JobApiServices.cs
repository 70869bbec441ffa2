using ImageService.Api.Auth;
using ImageService.Core.Jobs;
using ImageService.Core.Paging;
using Microsoft.AspNetCore.Mvc;

namespace ImageService.Api.Jobs;

/// <summary>What the job endpoints need besides the request's own values (bound with [AsParameters]).</summary>
internal sealed record JobApiServices(
    [FromServices] CurrentUser User,
    [FromServices] IJobStore Store,
    [FromServices] IJobQueue Queue,
    [FromServices] JobPlanner Planner,
    [FromServices] JobStarter Starter,
    [FromServices] PageCursorCodec Cursors,
    [FromServices] TimeProvider Time,
    HttpRequest Request,
    CancellationToken CancellationToken);
