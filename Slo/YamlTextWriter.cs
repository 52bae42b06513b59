using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace LlmReference.Slo;

/// <summary>
/// A thin layer over YamlDotNet's emitter for writing a YAML file by hand, comments included: YamlDotNet quotes and
/// escapes every scalar, and the caller decides order and layout, so the text is the same byte for byte every time.
/// </summary>
internal sealed class YamlTextWriter
{
    private readonly StringWriter _text = new() { NewLine = "\n" };
    private readonly IEmitter _emitter;

    public YamlTextWriter()
    {
        var settings = EmitterSettings.Default.WithBestWidth(int.MaxValue).WithIndentedSequences().WithNewLine("\n");
        _emitter = new Emitter(_text, settings);
        _emitter.Emit(new StreamStart());
        _emitter.Emit(new DocumentStart());
    }

    public YamlTextWriter Comment(string text)
    {
        foreach (var line in text.Split('\n'))
        {
            _emitter.Emit(new Comment(line.TrimEnd(), isInline: false));
        }

        return this;
    }

    public YamlTextWriter BeginMapping()
    {
        _emitter.Emit(new MappingStart());
        return this;
    }

    public YamlTextWriter EndMapping()
    {
        _emitter.Emit(new MappingEnd());
        return this;
    }

    public YamlTextWriter BeginSequence(string key)
    {
        Scalar(key, ScalarStyle.Plain);
        _emitter.Emit(new SequenceStart(null, null, isImplicit: true, SequenceStyle.Block));
        return this;
    }

    public YamlTextWriter EndSequence()
    {
        _emitter.Emit(new SequenceEnd());
        return this;
    }

    public YamlTextWriter BeginMapping(string key)
    {
        Scalar(key, ScalarStyle.Plain);
        return BeginMapping();
    }

    /// <summary>A key and a one-line value, plain when YAML allows it, quoted otherwise.</summary>
    public YamlTextWriter Pair(string key, string value)
    {
        Scalar(key, ScalarStyle.Plain);
        Scalar(value, ScalarStyle.Any);
        return this;
    }

    /// <summary>A key and a multi-line value as a literal block (<c>|</c>), kept exactly as written.</summary>
    public YamlTextWriter Block(string key, string value)
    {
        Scalar(key, ScalarStyle.Plain);
        Scalar(value.EndsWith('\n') ? value : value + "\n", ScalarStyle.Literal);
        return this;
    }

    public override string ToString()
    {
        _emitter.Emit(new DocumentEnd(isImplicit: true));
        _emitter.Emit(new StreamEnd());
        // The emitter writes "# " for an empty comment line: keep the file free of trailing spaces.
        return string.Join('\n', _text.ToString().Split('\n').Select(line => line.TrimEnd(' ')));
    }

    private void Scalar(string value, ScalarStyle style) =>
        _emitter.Emit(new Scalar(null, null, value, style, isPlainImplicit: true, isQuotedImplicit: true));
}
