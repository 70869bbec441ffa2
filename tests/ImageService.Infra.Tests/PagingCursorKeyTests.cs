using System.Security.Cryptography;
using Amazon.CDK.Assertions;
using ImageService.Infra.Constructs;
using ImageService.Infra.Tests.Support;
using static ImageService.Infra.Tests.Support.Shape;

namespace ImageService.Infra.Tests;

/// <summary>List cursors stay valid across Lambda instances: one generated key per stage, never in the template.</summary>
[Collection(SynthCollection.Name)]
public sealed class PagingCursorKeyTests(DevTemplate stack)
{
    // The stack holds other secrets too (billing's Stripe keys): the cursor key is the one the list function names.
    private string SecretId => stack.Json.ReferencedIds(
        stack.Json.FunctionByHandler("list").Properties["Environment"]!["Variables"]![PagingCursorKey.Variable]!).Single();

    [Fact]
    public void List_function_gets_the_cursor_key_as_a_secrets_manager_dynamic_reference_not_a_literal()
    {
        var variables = stack.Json.FunctionByHandler("list").Properties["Environment"]!["Variables"]!;
        var key = variables[PagingCursorKey.Variable]!;

        Assert.Null(TemplateJson.Text(key));
        Assert.Equal(
            "{{resolve:secretsmanager:{CursorKey}:SecretString:::}}",
            TemplateJson.Render(key, new Dictionary<string, string> { [SecretId] = "CursorKey" }));
    }

    [Fact]
    public void Only_the_list_function_which_issues_and_reads_cursors_holds_the_key()
    {
        var holders = stack.Json.ServiceFunctions()
            .Where(f => f.Properties["Environment"]!["Variables"]![PagingCursorKey.Variable] is not null)
            .Select(f => TemplateJson.Text(f.Properties["Handler"]));

        Assert.Equal(["list"], holders);
    }

    [Fact]
    public void Secret_is_generated_as_44_alphanumeric_characters_with_no_value_in_the_template()
    {
        stack.Template.HasResourceProperties("AWS::SecretsManager::Secret", Like(
            ("GenerateSecretString", Exactly(("PasswordLength", 44), ("ExcludePunctuation", true), ("IncludeSpace", false))),
            ("SecretString", Match.Absent())));
    }

    [Fact]
    public void A_generated_key_is_base64_the_api_accepts()
    {
        var generated = RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", PagingCursorKey.Length);

        Assert.True(Convert.FromBase64String(generated).Length >= 32);
    }

    [Fact]
    public void Dev_deletes_the_key_with_the_stack()
    {
        stack.Template.HasResource("AWS::SecretsManager::Secret", Like(("DeletionPolicy", "Delete"), ("UpdateReplacePolicy", "Delete")));
    }
}
