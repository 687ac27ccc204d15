using System.Diagnostics;

namespace LifeOS.Knowledge.Web;

/// <summary>Text of a PDF through poppler's <c>pdftotext</c> (Debian <c>poppler-utils</c>): one process per document, nothing parsed in process.</summary>
public static class PdfText
{
    public const string Name = "pdftotext";

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The text and page count (pages are separated by form feeds in pdftotext's output).</summary>
    /// <exception cref="InvalidOperationException">pdftotext is not installed, fails, or runs past <see cref="Timeout"/>; the message says which.</exception>
    public static async Task<(string Text, int Pages)> ExtractAsync(byte[] pdf, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        var input = Path.GetTempFileName();
        try
        {
            await File.WriteAllBytesAsync(input, pdf, cancellationToken).ConfigureAwait(false);
            var start = new ProcessStartInfo(Name) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[] { "-enc", "UTF-8", "-q", input, "-" })
                start.ArgumentList.Add(argument);
            Process process;
            try
            {
                process = Process.Start(start) ?? throw new InvalidOperationException("pdftotext did not start");
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw new InvalidOperationException("pdftotext is not installed (Debian package poppler-utils): " + e.Message, e);
            }

            using (process)
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                timeout.CancelAfter(Timeout);
                var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
                var errors = process.StandardError.ReadToEndAsync(timeout.Token);
                try
                {
                    await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    process.Kill(entireProcessTree: true);
                    throw new InvalidOperationException($"pdftotext ran longer than {Timeout.TotalSeconds:0} s");
                }

                var text = await output.ConfigureAwait(false);
                if (process.ExitCode != 0)
                    throw new InvalidOperationException($"pdftotext failed with exit code {process.ExitCode}: {(await errors.ConfigureAwait(false)).Trim()}");
                var pages = text.Split('\f').Count(p => p.Length > 0 || text.Length == 0);
                return (text.Replace('\f', '\n').Trim(), Math.Max(pages, 1));
            }
        }
        finally
        {
            File.Delete(input);
        }
    }
}
