using System.IO.Compression;
using System.Text;

namespace Recoupe.Tests.Support;

/// <summary>Small gzip members that inflate to a lot: a head, many bytes of one kind, a tail.</summary>
public static class GzipBombs
{
    public static byte[] Of(string head, long fill, string tail, byte filler = (byte)'a')
    {
        using var output = new MemoryStream();
        using (var gz = new GZipStream(output, CompressionLevel.Optimal))
        {
            gz.Write(Encoding.UTF8.GetBytes(head));
            var chunk = new byte[1 << 20];
            Array.Fill(chunk, filler);
            for (var left = fill; left > 0; left -= chunk.Length) gz.Write(chunk, 0, (int)Math.Min(chunk.Length, left));
            gz.Write(Encoding.UTF8.GetBytes(tail));
        }
        return output.ToArray();
    }
}
