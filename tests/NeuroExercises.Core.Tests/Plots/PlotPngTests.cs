using FluentAssertions;
using NeuroExercises.Core.Plots;
using SkiaSharp;

namespace NeuroExercises.Core.Tests.Plots;

public sealed class PlotPngTests : IDisposable
{
    private static readonly byte[] PngSignature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    // Category10's first two colours, which the first two series get.
    private static readonly SKColor Blue = new(0x1f, 0x77, 0xb4);
    private static readonly SKColor Orange = new(0xff, 0x7f, 0x0e);

    private readonly string folder = Path.Combine(Path.GetTempPath(), "neuro-plots-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(folder) && Environment.GetEnvironmentVariable("NEURO_KEEP_PLOTS") is null)
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void LinesWritesAPngOfTheRequestedSizeWithBothSeries()
    {
        var path = Path.Combine(folder, "sub", "lines.png");

        PlotPng.Lines(path, SinePanel("Hidden units"), 640, 480);

        using var image = Decode(path);
        image.Width.Should().Be(640);
        image.Height.Should().Be(480);
        DistinctColors(image).Should().BeGreaterThan(50, "axes, text, two lines and anti-aliasing make many colours");
        CountNear(image, Blue).Should().BeGreaterThan(200, "the first series is drawn in blue");
        CountNear(image, Orange).Should().BeGreaterThan(200, "the second series is drawn in orange");
    }

    [Fact]
    public void GridWritesAllPanelsIntoOnePng()
    {
        var path = Path.Combine(folder, "grid.png");
        var panels = Enumerable.Range(0, 5).Select(i => SinePanel($"Condition {i}")).ToList();

        PlotPng.Grid(path, panels, columns: 3, panelWidth: 300, panelHeight: 200);

        using var image = Decode(path);
        image.Width.Should().Be(900);
        image.Height.Should().Be(400);
        // Each of the five cells holds a blue line; the sixth cell is empty.
        for (var cell = 0; cell < 6; cell++)
        {
            var (col, row) = (cell % 3, cell / 3);
            var blue = CountNear(image, Blue, new SKRectI(col * 300, row * 200, (col + 1) * 300, (row + 1) * 200));
            if (cell < 5)
            {
                blue.Should().BeGreaterThan(100, $"panel {cell} has a line");
            }
            else
            {
                blue.Should().Be(0, "there is no sixth panel");
            }
        }
    }

    [Fact]
    public void BandAndBarStylesBothDraw()
    {
        var x = Enumerable.Range(0, 20).Select(i => (double)i).ToArray();
        var y = x.Select(v => Math.Sqrt(v)).ToArray();
        var sd = x.Select(_ => 0.5).ToArray();
        var panel = new PanelSpec("Mean ± s.d.", "epoch", "loss", x,
        [
            new PlotSeries("band", y, sd, ErrorStyle.Band),
            new PlotSeries("bars", y.Select(v => v + 3).ToArray(), sd, ErrorStyle.Bars),
        ]);
        var path = Path.Combine(folder, "errors.png");

        PlotPng.Lines(path, panel, 500, 400);

        using var image = Decode(path);
        image.Width.Should().Be(500);
        // The band is the blue at 25 % opacity over white: a light blue that no line uses.
        var lightBlue = new SKColor(
            (byte)(255 - (255 - Blue.Red) / 4), (byte)(255 - (255 - Blue.Green) / 4), (byte)(255 - (255 - Blue.Blue) / 4));
        CountNear(image, lightBlue).Should().BeGreaterThan(1000);
        CountNear(image, Orange).Should().BeGreaterThan(100);
    }

    [Fact]
    public void LegendAtMovesTheLegendOffTheLinesItWouldHide()
    {
        var x = Enumerable.Range(0, 50).Select(i => (double)i).ToArray();
        PanelSpec Panel(LegendPlace at) => new("Flat", "epoch", "cosine", x,
            [new PlotSeries("near one", x.Select(_ => 1.0).ToArray()), new PlotSeries("near zero", x.Select(_ => 0.0).ToArray())], at);
        var byDefault = Path.Combine(folder, "default.png");
        var upperLeft = Path.Combine(folder, "upper-left.png");

        PlotPng.Lines(byDefault, Panel(LegendPlace.LowerRight), 400, 300);
        PlotPng.Lines(upperLeft, Panel(LegendPlace.UpperLeft), 400, 300);

        using var a = Decode(byDefault);
        using var b = Decode(upperLeft);
        int Differing(SKRectI r)
        {
            var count = 0;
            for (var y = r.Top; y < r.Bottom; y++)
            {
                for (var x = r.Left; x < r.Right; x++)
                {
                    count += a.GetPixel(x, y) != b.GetPixel(x, y) ? 1 : 0;
                }
            }

            return count;
        }

        Differing(new SKRectI(200, 150, 400, 300)).Should().BeGreaterThan(500, "the default legend (lower right) is gone");
        Differing(new SKRectI(0, 0, 200, 150)).Should().BeGreaterThan(500, "the legend is drawn in the upper left instead");
    }

    [Fact]
    public void SeriesLengthMismatchNamesPanelAndSeries()
    {
        var panel = new PanelSpec("Outputs", "t", "y", [0, 1, 2], [new PlotSeries("muscle 3", [1, 2])]);

        var act = () => PlotPng.Lines(Path.Combine(folder, "bad.png"), panel);

        act.Should().Throw<ArgumentException>()
            .WithMessage("Plot panel 'Outputs', series 'muscle 3': 2 values for 3 x values; give one per x.*");
        File.Exists(Path.Combine(folder, "bad.png")).Should().BeFalse();
    }

    [Fact]
    public void GridRefusesNoPanelsAndZeroColumns()
    {
        var path = Path.Combine(folder, "grid.png");

        FluentActions.Invoking(() => PlotPng.Grid(path, [], 2)).Should().Throw<ArgumentException>().WithMessage("*no panels*");
        FluentActions.Invoking(() => PlotPng.Grid(path, [SinePanel("a")], 0)).Should().Throw<ArgumentException>()
            .WithMessage("*columns is 0*");
    }

    private static PanelSpec SinePanel(string title)
    {
        var x = Enumerable.Range(0, 200).Select(i => i * 0.05).ToArray();
        return new PanelSpec(title, "time (s)", "rate (Hz)", x,
        [
            new PlotSeries("sin", x.Select(Math.Sin).ToArray()),
            new PlotSeries("cos", x.Select(Math.Cos).ToArray()),
        ]);
    }

    private static SKBitmap Decode(string path)
    {
        File.Exists(path).Should().BeTrue();
        File.ReadAllBytes(path).AsSpan(0, 8).ToArray().Should().Equal(PngSignature);
        return SKBitmap.Decode(path) ?? throw new InvalidOperationException($"{path}: SkiaSharp could not decode it.");
    }

    private static int DistinctColors(SKBitmap image) => image.Pixels.Distinct().Count();

    private static int CountNear(SKBitmap image, SKColor color, SKRectI? region = null)
    {
        var r = region ?? new SKRectI(0, 0, image.Width, image.Height);
        var count = 0;
        for (var y = r.Top; y < r.Bottom; y++)
        {
            for (var x = r.Left; x < r.Right; x++)
            {
                var p = image.GetPixel(x, y);
                if (Math.Abs(p.Red - color.Red) <= 12 && Math.Abs(p.Green - color.Green) <= 12 && Math.Abs(p.Blue - color.Blue) <= 12)
                {
                    count++;
                }
            }
        }

        return count;
    }
}
