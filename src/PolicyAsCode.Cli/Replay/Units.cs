using System;
using System.Globalization;

namespace PolicyAsCode.Cli.Replay;

/// <summary>Numbers for people: binary byte units (as kube-apiserver's --audit-log-maxsize counts), fixed culture.</summary>
internal static class Units
{
    public static string Bytes(double bytes)
    {
        string[] units = { "B", "KiB", "MiB", "GiB", "TiB", "PiB" };
        var unit = 0;
        var value = Math.Abs(bytes);
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        var text = unit == 0 ? value.ToString("0", CultureInfo.InvariantCulture) : value.ToString(value < 10 ? "0.00" : value < 100 ? "0.0" : "0", CultureInfo.InvariantCulture);
        return (bytes < 0 ? "-" : string.Empty) + text + " " + units[unit];
    }

    public static string SignedBytes(double bytes) => (bytes > 0 ? "+" : string.Empty) + Bytes(bytes);

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Percent(double part, double whole) => whole > 0 ? (100 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "-";

    public static string Rate(double? value) => value is { } v ? v.ToString(v < 10 ? "0.00" : "N0", CultureInfo.InvariantCulture) : "-";

    public static string Hours(double? hours) => hours is { } h ? h.ToString(h < 10 ? "0.0" : "N0", CultureInfo.InvariantCulture) + " h" : "-";

    public static string Time(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Span(double seconds)
    {
        var span = TimeSpan.FromSeconds(seconds);
        if (seconds < 60)
        {
            return seconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";
        }

        return span.TotalDays >= 1 ? span.ToString(@"d\d\ hh\h\ mm\m", CultureInfo.InvariantCulture)
            : span.TotalHours >= 1 ? span.ToString(@"h\h\ mm\m\ ss\s", CultureInfo.InvariantCulture)
            : span.ToString(@"m\m\ ss\s", CultureInfo.InvariantCulture);
    }
}
