using ImageService.Core.Imaging;

namespace ImageService.Imaging.Tests;

public class ResizePlanTests
{
    [Fact]
    public void WidthAloneKeepsTheAspectRatio()
    {
        var plan = ResizePlan.Create(2560, 1600, new TransformSpec { Width = 720 }, 8192);
        Assert.Equal((720, 450), (plan.OutputWidth, plan.OutputHeight));
        Assert.Null(plan.Crop);
    }

    [Fact]
    public void HeightAloneKeepsTheAspectRatio()
    {
        var plan = ResizePlan.Create(2000, 1000, new TransformSpec { Height = 250 }, 8192);
        Assert.Equal((500, 250), (plan.OutputWidth, plan.OutputHeight));
    }

    [Fact]
    public void DprMultipliesTheRequestedBox()
    {
        var plan = ResizePlan.Create(4000, 3000, new TransformSpec { Width = 300, Height = 300, Dpr = 2 }, 8192);
        Assert.Equal((600, 600), (plan.OutputWidth, plan.OutputHeight));
    }

    [Fact]
    public void CentredCoverLetsThumbnailCrop()
    {
        var plan = ResizePlan.Create(2560, 1600, new TransformSpec { Width = 400, Height = 400 }, 8192);
        Assert.Equal("centre", plan.ThumbnailCrop);
        Assert.Equal((400, 400), (plan.OutputWidth, plan.OutputHeight));
    }

    [Fact]
    public void SmartCoverUsesAttention() =>
        Assert.Equal("attention", ResizePlan.Create(1000, 500, new TransformSpec { Width = 100, Height = 100, Gravity = Gravity.Smart }, 8192).ThumbnailCrop);

    [Theory]
    [InlineData(Gravity.West, 0)]
    [InlineData(Gravity.East, 100)]
    [InlineData(Gravity.North, 50)]
    public void CoverWithGravityCropsTheAnchoredSide(Gravity gravity, int expectedLeft)
    {
        var plan = ResizePlan.Create(400, 200, new TransformSpec { Width = 100, Height = 100, Gravity = gravity }, 8192);
        Assert.Equal((200, 100), (plan.ResizeWidth, plan.ResizeHeight));
        Assert.Equal(new Region(expectedLeft, 0, 100, 100), plan.Crop);
    }

    [Fact]
    public void FocusPointCentresTheCropOnThePointWherePossible()
    {
        var plan = ResizePlan.Create(1000, 100, new TransformSpec { Width = 100, Height = 100, Gravity = Gravity.FocusPoint, FocusX = 0.25, FocusY = 0.5 }, 8192);
        Assert.Equal(new Region(200, 0, 100, 100), plan.Crop);
    }

    [Fact]
    public void GravityIsMappedThroughRotationSoNorthMeansTheTopOfTheOutput()
    {
        // Rotating 90° clockwise puts the source's west edge at the top of the output.
        var plan = ResizePlan.Create(400, 200, new TransformSpec { Width = 100, Height = 100, Gravity = Gravity.North, Rotate = 90 }, 8192);
        Assert.Equal(0, plan.Crop!.Value.Left);
    }

    [Fact]
    public void ContainLetterboxesIntoTheExactBox()
    {
        var plan = ResizePlan.Create(400, 200, new TransformSpec { Width = 100, Height = 100, Fit = FitMode.Contain }, 8192);
        Assert.Equal((100, 50), (plan.ResizeWidth, plan.ResizeHeight));
        Assert.Equal(new Region(0, 25, 100, 100), plan.Canvas);
    }

    [Theory]
    [InlineData(FitMode.Inside, 100, 50)]
    [InlineData(FitMode.Outside, 200, 100)]
    [InlineData(FitMode.Fill, 100, 100)]
    public void OtherFitModesGiveTheirSizes(FitMode fit, int width, int height)
    {
        var plan = ResizePlan.Create(400, 200, new TransformSpec { Width = 100, Height = 100, Fit = fit }, 8192);
        Assert.Equal((width, height), (plan.OutputWidth, plan.OutputHeight));
        Assert.Null(plan.Crop);
        Assert.Null(plan.Canvas);
    }

    [Fact]
    public void RotationSwapsTheBoxBeforeResizing()
    {
        var plan = ResizePlan.Create(400, 200, new TransformSpec { Width = 50, Height = 100, Fit = FitMode.Fill, Rotate = 270 }, 8192);
        Assert.Equal((100, 50), (plan.OutputWidth, plan.OutputHeight));
    }

    [Theory]
    [InlineData(8000, null, FitMode.Cover, 1000, 500)]
    [InlineData(3000, 3000, FitMode.Outside, 1000, 500)]
    [InlineData(3000, 3000, FitMode.Fill, 1000, 1000)]
    [InlineData(null, null, FitMode.Cover, 1000, 500)]
    public void OutputNeverExceedsTheMaximumDimension(int? width, int? height, FitMode fit, int expectedWidth, int expectedHeight)
    {
        var plan = ResizePlan.Create(4000, 2000, new TransformSpec { Width = width, Height = height, Fit = fit }, 1000);
        Assert.Equal((expectedWidth, expectedHeight), (plan.OutputWidth, plan.OutputHeight));
    }
}
