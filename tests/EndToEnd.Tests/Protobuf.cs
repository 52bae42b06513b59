using System.Text;

namespace LlmReference.EndToEnd.Tests;

/// <summary>Just enough of the protobuf wire format to read OTLP exports: fields as numbers, varints and byte ranges.</summary>
internal static class Protobuf
{
    public readonly record struct Field(int Number, ulong Value, ReadOnlyMemory<byte> Bytes);

    public static IEnumerable<Field> Fields(ReadOnlyMemory<byte> message)
    {
        var position = 0;
        while (position < message.Length)
        {
            var key = Varint(message.Span, ref position);
            var number = (int)(key >> 3);
            switch (key & 7)
            {
                case 0:
                    yield return new Field(number, Varint(message.Span, ref position), default);
                    break;
                case 1:
                    yield return new Field(number, BitConverter.ToUInt64(message.Span.Slice(position, 8)), default);
                    position += 8;
                    break;
                case 2:
                    var length = (int)Varint(message.Span, ref position);
                    yield return new Field(number, 0, message.Slice(position, length));
                    position += length;
                    break;
                case 5:
                    yield return new Field(number, BitConverter.ToUInt32(message.Span.Slice(position, 4)), default);
                    position += 4;
                    break;
                default:
                    throw new FormatException($"Unsupported wire type {key & 7} for field {number}.");
            }
        }
    }

    /// <summary>The embedded messages in field <paramref name="number"/> (a repeated message field).</summary>
    public static IEnumerable<ReadOnlyMemory<byte>> Messages(ReadOnlyMemory<byte> message, int number) =>
        Fields(message).Where(f => f.Number == number).Select(f => f.Bytes);

    public static string Text(IReadOnlyList<Field> fields, int number) =>
        fields.FirstOrDefault(f => f.Number == number) is { Number: > 0 } field ? Encoding.UTF8.GetString(field.Bytes.Span) : "";

    private static ulong Varint(ReadOnlySpan<byte> data, ref int position)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new FormatException("Varint longer than 64 bits.");
    }
}
