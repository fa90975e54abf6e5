using System.Globalization;
using System.Xml;

namespace CardActors.LoadGen.Reports;

/// <summary>
/// A minimal SVG writer for the report charts. It goes through <see cref="XmlWriter"/> so that any
/// text — a target address, a title — is escaped and the file is always well-formed XML.
/// </summary>
internal sealed class SvgCanvas : IDisposable
{
    private const string SvgNamespace = "http://www.w3.org/2000/svg";
    private readonly XmlWriter _xml;

    public SvgCanvas(TextWriter output, int width, int height, string title)
    {
        _xml = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, CloseOutput = false });
        _xml.WriteStartElement("svg", SvgNamespace);
        _xml.WriteAttributeString("width", Number(width));
        _xml.WriteAttributeString("height", Number(height));
        _xml.WriteAttributeString("viewBox", $"0 0 {Number(width)} {Number(height)}");
        _xml.WriteAttributeString("font-family", "DejaVu Sans, Helvetica, Arial, sans-serif");
        _xml.WriteElementString("title", SvgNamespace, title);
        Rect(0, 0, width, height, "#ffffff");
    }

    public void Rect(double x, double y, double width, double height, string fill, double opacity = 1)
    {
        _xml.WriteStartElement("rect", SvgNamespace);
        Attribute("x", x);
        Attribute("y", y);
        Attribute("width", Math.Max(0, width));
        Attribute("height", Math.Max(0, height));
        _xml.WriteAttributeString("fill", fill);
        if (opacity < 1)
        {
            Attribute("fill-opacity", opacity);
        }

        _xml.WriteEndElement();
    }

    public void Line(double x1, double y1, double x2, double y2, string stroke, double width = 1, string? dash = null)
    {
        _xml.WriteStartElement("line", SvgNamespace);
        Attribute("x1", x1);
        Attribute("y1", y1);
        Attribute("x2", x2);
        Attribute("y2", y2);
        _xml.WriteAttributeString("stroke", stroke);
        Attribute("stroke-width", width);
        if (dash is not null)
        {
            _xml.WriteAttributeString("stroke-dasharray", dash);
        }

        _xml.WriteEndElement();
    }

    /// <summary>A line through the points; a lone point is drawn as a dot so it does not vanish.</summary>
    public void Polyline(IReadOnlyList<(double X, double Y)> points, string stroke, double width = 1.5)
    {
        if (points.Count == 0)
        {
            return;
        }

        if (points.Count == 1)
        {
            Circle(points[0].X, points[0].Y, width + 1, stroke);
            return;
        }

        _xml.WriteStartElement("polyline", SvgNamespace);
        _xml.WriteAttributeString("points", string.Join(' ', points.Select(p => $"{Number(p.X)},{Number(p.Y)}")));
        _xml.WriteAttributeString("fill", "none");
        _xml.WriteAttributeString("stroke", stroke);
        Attribute("stroke-width", width);
        _xml.WriteAttributeString("stroke-linejoin", "round");
        _xml.WriteEndElement();
    }

    public void Circle(double x, double y, double radius, string fill)
    {
        _xml.WriteStartElement("circle", SvgNamespace);
        Attribute("cx", x);
        Attribute("cy", y);
        Attribute("r", radius);
        _xml.WriteAttributeString("fill", fill);
        _xml.WriteEndElement();
    }

    public void Text(double x, double y, string text, string anchor = "start", double size = 12, string fill = "#333333", bool bold = false, double rotate = 0)
    {
        _xml.WriteStartElement("text", SvgNamespace);
        Attribute("x", x);
        Attribute("y", y);
        _xml.WriteAttributeString("text-anchor", anchor);
        Attribute("font-size", size);
        _xml.WriteAttributeString("fill", fill);
        if (bold)
        {
            _xml.WriteAttributeString("font-weight", "bold");
        }

        if (rotate != 0)
        {
            _xml.WriteAttributeString("transform", $"rotate({Number(rotate)} {Number(x)} {Number(y)})");
        }

        _xml.WriteString(text);
        _xml.WriteEndElement();
    }

    public void Dispose()
    {
        _xml.WriteEndElement();
        _xml.Flush();
        _xml.Dispose();
    }

    private void Attribute(string name, double value) => _xml.WriteAttributeString(name, Number(value));

    private static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
