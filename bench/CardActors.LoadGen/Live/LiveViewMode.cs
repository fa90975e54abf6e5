namespace CardActors.LoadGen.Live;

/// <summary>How progress is shown while a run is going.</summary>
public enum LiveViewMode
{
    /// <summary>A live table on a terminal, one line per interval otherwise (a pipe, a CI log).</summary>
    Auto = 0,

    /// <summary>A table redrawn in place a few times a second.</summary>
    Table = 1,

    /// <summary>One plain line per interval, for logs.</summary>
    Lines = 2,
}
