using ImageService.Dashboard.Components;

namespace ImageService.Dashboard.Tests;

public sealed class CopyButtonTests : DashboardTestContext
{
    [Fact]
    public void Copying_puts_the_text_on_the_clipboard_and_says_so()
    {
        var button = Render<CopyButton>(p => p.Add(c => c.Text, "https://cdn.example.test/pk_test123/01A?w=320").Add(c => c.Label, "Copy delivery URL"));

        button.Find("button").Click();

        Assert.Equal(["https://cdn.example.test/pk_test123/01A?w=320"], Clipboard.Copied);
        Assert.Equal("Copied", button.Find("button").TextContent);
        Assert.Equal("Copied to the clipboard", button.Find("[role=status]").TextContent);
    }

    [Fact]
    public void A_refused_clipboard_leaves_the_button_as_it_was()
    {
        Clipboard.Refuse = true;
        var button = Render<CopyButton>(p => p.Add(c => c.Text, "sk_secret").Add(c => c.Label, "Copy secret"));

        button.Find("button").Click();

        Assert.Equal("Copy", button.Find("button").TextContent);
        Assert.Equal("", button.Find("[role=status]").TextContent);
    }
}
