using System.Text;

namespace Recut.IntegrationTests.Hostile;

/// <summary>
/// Files that point elsewhere: containers and playlists that make a probing ffmpeg open other files. Each names a
/// target (another tenant's result, a file of the host) the way an attacker who knows the data layout would.
/// </summary>
public static class HostileContainers
{
    /// <summary>One trick: its name, its bytes, and the code a task using it as a video must fail with.</summary>
    public sealed record Trick(string Name, byte[] Bytes, string VideoCode)
    {
        public override string ToString() => Name;
    }

    /// <summary>The names of <see cref="All"/>, for test data that must exist before any file does.</summary>
    public static readonly string[] Names =
        ["dash-free-relative", "dash-free-absolute", "dash-behind-a-free-box", "hls", "ffconcat", "sdp", "imf-cpl"];

    /// <param name="relativeTarget">The target as a path relative to a task's work folder.</param>
    /// <param name="absoluteTarget">The target's absolute path on the host.</param>
    public static IReadOnlyList<Trick> All(string relativeTarget, string absoluteTarget) =>
    [
        // The reported attack: text whose bytes 4-7 read "free", a DASH manifest whose BaseURL is the other tenant's result.
        new("dash-free-relative", Text($"<!--free-->{Mpd(relativeTarget)}"), "InvalidFile.Format"),
        new("dash-free-absolute", Text($"<!--free-->{Mpd("file:" + absoluteTarget)}"), "InvalidFile.Format"),
        // A real 8-byte QuickTime box first, so the magic bytes say MOV; ffmpeg's own probe would still pick DASH.
        new("dash-behind-a-free-box", [0, 0, 0, 8, (byte)'f', (byte)'r', (byte)'e', (byte)'e', .. Text(Mpd(absoluteTarget))],
            "InvalidFile.Openerror"),
        new("hls", Text($"#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:3\n#EXTINF:3.0,\nfile:{absoluteTarget}\n#EXT-X-ENDLIST\n"),
            "InvalidFile.Format"),
        new("ffconcat", Text($"ffconcat version 1.0\nfile '{absoluteTarget}'\nfile '{relativeTarget}'\n"), "InvalidFile.Format"),
        new("sdp", Text("v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=x\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\nm=video 5004 RTP/AVP 96\r\na=rtpmap:96 H264/90000\r\n"),
            "InvalidFile.Format"),
        new("imf-cpl", Text($"<?xml version=\"1.0\"?><CompositionPlaylist xmlns=\"http://www.smpte-ra.org/schemas/2067-3/2016\"><Id>urn:uuid:1</Id><SegmentList><Segment><SequenceList><MainImageSequence><ResourceList><Resource><TrackFileId>{absoluteTarget}</TrackFileId></Resource></ResourceList></MainImageSequence></SequenceList></Segment></SegmentList></CompositionPlaylist>"),
            "InvalidFile.Format"),
    ];

    /// <summary>A minimal static DASH manifest with one representation read from <paramref name="baseUrl"/>.</summary>
    public static string Mpd(string baseUrl) =>
        "<MPD xmlns=\"urn:mpeg:dash:schema:mpd:2011\" type=\"static\" mediaPresentationDuration=\"PT3S\" minBufferTime=\"PT1S\" "
        + "profiles=\"urn:mpeg:dash:profile:isoff-on-demand:2011\"><Period><AdaptationSet mimeType=\"video/mp4\">"
        + "<Representation id=\"1\" bandwidth=\"1000\" width=\"320\" height=\"240\" codecs=\"avc1.4d401e\">"
        + $"<BaseURL>{baseUrl}</BaseURL><SegmentBase/></Representation></AdaptationSet></Period></MPD>";

    /// <summary>A valid JPEG with a DASH manifest in a comment segment (COM, right after SOI): still just a JPEG.</summary>
    public static byte[] JpegWithManifestComment(byte[] jpeg, string manifest)
    {
        var comment = Encoding.ASCII.GetBytes(manifest);
        var length = comment.Length + 2;
        return [jpeg[0], jpeg[1], 0xFF, 0xFE, (byte)(length >> 8), (byte)length, .. comment, .. jpeg.AsSpan(2)];
    }

    private static byte[] Text(string s) => Encoding.UTF8.GetBytes(s);
}
