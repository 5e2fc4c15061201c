using System.Text;
using Spectre.Console;

namespace Doorstroom.Cli;

/// <summary>
/// Where one run of the command reads and writes: stdin, stdout, stderr and the Spectre.Console console that draws
/// tables on stdout. <see cref="Program.Run"/> takes one, so a test can run the command in its own process over
/// string writers; <see cref="System"/> is the process's real console.
/// </summary>
public sealed class Terminal
{
    private readonly Func<Stream> openInput;
    private readonly Func<Stream> openOutput;

    private Terminal(
        IAnsiConsole ansi,
        TextReader input,
        TextWriter output,
        TextWriter error,
        Func<Stream> openInput,
        Func<Stream> openOutput,
        bool outputRedirected
    )
    {
        Ansi = ansi;
        In = input;
        Out = output;
        Error = error;
        this.openInput = openInput;
        this.openOutput = openOutput;
        IsOutputRedirected = outputRedirected;
    }

    /// <summary>The process's console: what `doorstroom` uses when started from a shell.</summary>
    public static Terminal System() =>
        new(AnsiConsole.Console, Console.In, Console.Out, Console.Error, Console.OpenStandardInput, Console.OpenStandardOutput, Console.IsOutputRedirected);

    /// <summary>
    /// A run whose streams are redirected, as on a pipe: stdin is <paramref name="stdin"/>, and everything for stdout
    /// (tables, lines, JSON written as bytes) lands in <paramref name="stdout"/> in the order it was written. Tables are
    /// drawn as on a pipe: no colour, no escape codes, not interactive, 80 columns.
    /// </summary>
    public static Terminal Redirected(string stdin, TextWriter stdout, TextWriter stderr)
    {
        var ansi = AnsiConsole.Create(
            new AnsiConsoleSettings
            {
                Ansi = AnsiSupport.No,
                ColorSystem = ColorSystemSupport.NoColors,
                Interactive = InteractionSupport.No,
                Out = new AnsiConsoleOutput(stdout),
            }
        );
        ansi.Profile.Width = 80;
        return new(
            ansi,
            new StringReader(stdin),
            stdout,
            stderr,
            () => new MemoryStream(new UTF8Encoding(false).GetBytes(stdin), writable: false),
            () => new WriterStream(stdout),
            outputRedirected: true
        );
    }

    /// <summary>Draws tables and markup on stdout.</summary>
    public IAnsiConsole Ansi { get; }

    public TextReader In { get; }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    /// <summary>Whether stdout is a pipe or file (no progress bars then).</summary>
    public bool IsOutputRedirected { get; }

    /// <summary>The store this run opened, as a person reads it (for the one line of a store failure).</summary>
    internal string? OpenedStore { get; set; }

    /// <summary>Stdin as bytes (a pupil file given as '-').</summary>
    public Stream OpenStandardInput() => openInput();

    /// <summary>Stdout as bytes (JSON written straight to it); flush the text writer first so the order holds.</summary>
    public Stream OpenStandardOutput()
    {
        Out.Flush();
        return openOutput();
    }

    // One run per async flow: Program.Run sets it before the command runs, and the commands, awaited inside that call,
    // read it. A run started by another test in parallel has its own flow and so its own terminal.
    private static readonly AsyncLocal<Terminal?> CurrentRun = new();

    /// <summary>The terminal of the run in progress (the process's console outside <see cref="Program.Run"/>).</summary>
    internal static Terminal Current
    {
        get => CurrentRun.Value ?? System();
        set => CurrentRun.Value = value;
    }

    /// <summary>Bytes written to it are decoded as UTF-8 and written to a text writer (a split character waits for its rest).</summary>
    private sealed class WriterStream(TextWriter writer) : Stream
    {
        private readonly Decoder decoder = new UTF8Encoding(false).GetDecoder();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            var chars = new char[decoder.GetCharCount(buffer, flush: false)];
            var n = decoder.GetChars(buffer, chars, flush: false);
            writer.Write(chars, 0, n);
        }

        public override void Flush() => writer.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}

/// <summary>Short names for the current run's streams, in place of <see cref="Console"/> and <see cref="AnsiConsole"/>.</summary>
internal static class Std
{
    public static IAnsiConsole Ansi => Terminal.Current.Ansi;

    public static TextReader In => Terminal.Current.In;

    public static TextWriter Out => Terminal.Current.Out;

    public static TextWriter Error => Terminal.Current.Error;

    public static bool IsOutputRedirected => Terminal.Current.IsOutputRedirected;

    public static Stream OpenStandardInput() => Terminal.Current.OpenStandardInput();

    public static Stream OpenStandardOutput() => Terminal.Current.OpenStandardOutput();
}
