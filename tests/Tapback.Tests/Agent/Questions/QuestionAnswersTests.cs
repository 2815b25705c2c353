using Tapback.Agent.Questions;

namespace Tapback.Tests.Agent.Questions;

public sealed class QuestionAnswersTests
{
    private static readonly string[] Options = ["Monday", "Tuesday", "Friday"];

    [Theory]
    [InlineData("1", 1)]
    [InlineData(" 2 ", 2)]
    [InlineData("3.", 3)]
    [InlineData("2)", 2)]
    [InlineData("#1", 1)]
    [InlineData("option 3", 3)]
    public void Match_Number_PicksThatOption(string reply, int option) => Assert.Equal(option, QuestionAnswers.Match(reply, Options).Option);

    [Theory]
    [InlineData("tuesday", 2)]
    [InlineData("FRIDAY.", 3)]
    public void Match_Label_PicksThatOptionCaseInsensitively(string reply, int option) => Assert.Equal(option, QuestionAnswers.Match(reply, Options).Option);

    [Theory]
    [InlineData("4")]
    [InlineData("0")]
    [InlineData("maybe Tuesday")]
    public void Match_NoOptionFits_IsFreeText(string reply)
    {
        var answer = QuestionAnswers.Match(reply, Options);

        Assert.Null(answer.Option);
        Assert.Equal(reply, answer.Text);
    }

    [Fact]
    public void Bubbles_QuestionWithOptions_NumberedThenTheHint() =>
        Assert.Equal(
            ["Which?", "1. Monday", "2. Tuesday", "3. Friday", "Reply with a number or type your answer."],
            QuestionPrompt.Bubbles("Which?", Options));
}
