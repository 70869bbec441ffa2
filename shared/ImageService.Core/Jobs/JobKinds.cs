namespace ImageService.Core.Jobs;

/// <summary>The kinds of work a job does (the <c>kind</c> of <c>POST /jobs</c>); each has one <see cref="IJobKindHandler"/>.</summary>
public static class JobKinds
{
    /// <summary>Render named variants of images into the derived store (eager renditions, album re-renders).</summary>
    public const string RenderVariants = "render-variants";

    /// <summary>Run an external workflow (an AI provider) on one image; its result is stored as a new image.</summary>
    public const string Workflow = "workflow";
}
