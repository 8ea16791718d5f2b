//! Bar charts drawn as SVG by the templates: this computes the geometry, the
//! template only draws it. Every chart has its numbers in a table beside it, and
//! the SVG itself carries a title and a description for screen readers.
//!
//! What a reader needs to compare bars honestly:
//! - a scale: gridlines with their figures, on a "nice" step (1, 2 or 5 × 10ⁿ);
//! - the scale the figure lives on: counts and minutes from 0, shares 0–100 %,
//!   survey scores on their own 1–5 scale (drawn from 0, every department looks
//!   alike);
//! - no bar where there is no figure: a month without data is a gap marked "–",
//!   never a bar of 0;
//! - labels that never overlap: months in columns with short names; departments
//!   as rows (their symbols on the left, one row each, however many there are).
//!
//! No crate draws server-side SVG charts for askama without a JavaScript runtime,
//! so the geometry is ours; it is small and unit-tested below.

/// What the figures measure, and so which scale they are drawn on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Measure {
    /// Whole numbers from 0 (clients served).
    Count,
    /// Minutes from 0 (waits, service times).
    Minutes,
    /// A share, 0–100 %.
    Share,
    /// A survey mean on its 1–5 scale.
    Score,
}

/// How the bars stand: months as columns, departments as rows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Layout {
    Columns,
    Rows,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub x1: f64,
    pub y1: f64,
    pub x2: f64,
    pub y2: f64,
}

/// A text in the chart: its position, anchor ("start", "middle", "end") and words.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub x: f64,
    pub y: f64,
    pub anchor: &'static str,
    pub text: String,
    /// A second line under the first (a month's year, under its January).
    pub sub: Option<String>,
}

impl Label {
    fn new(x: f64, y: f64, anchor: &'static str, text: String) -> Label {
        Label { x, y, anchor, text, sub: None }
    }

    /// The second line's baseline.
    pub fn sub_y(&self) -> f64 {
        self.y + FONT + 2.0
    }
}

#[derive(Clone, Debug)]
pub struct BarChart {
    pub id: String,
    pub title: String,
    /// What the bars' labels stand for, when they are abbreviated (e.g. the
    /// departments' symbols: the table below names them in full).
    pub note: Option<String>,
    pub width: f64,
    pub height: f64,
    pub bars: Vec<Rect>,
    /// The figure at each bar's end ("–" where there is none).
    pub values: Vec<Label>,
    /// The bars' names (months, department symbols).
    pub labels: Vec<Label>,
    pub grid: Vec<Line>,
    pub ticks: Vec<Label>,
    pub axis: Line,
    /// The target as a line across the chart, with its label.
    pub target: Option<(Line, Label)>,
    /// "label: figure; ..." for screen readers.
    pub description: String,
}

/// The drawing's width in SVG user units. The SVG scales to its column; at the
/// report pages' columns (about 500 px on a 1366 px screen) a unit is about a pixel.
pub const WIDTH: f64 = 520.0;
/// Text size in user units; the average width of a character is taken as 0.6 of it.
const FONT: f64 = 14.0;
const CHAR: f64 = FONT * 0.6;
const GAP: f64 = 6.0;

/// The estimated width of a text in user units: capitals (department symbols)
/// are wider than the average character, so they count more.
pub fn text_width(text: &str) -> f64 {
    text.chars().map(|c| if c.is_uppercase() || c == 'm' || c == 'w' { CHAR * 1.25 } else { CHAR }).sum()
}

/// The scale's bottom, top and step for `measure` and the largest figure.
fn scale(measure: Measure, max: f64) -> (f64, f64, f64) {
    match measure {
        Measure::Score => (1.0, 5.0, 1.0),
        Measure::Share => (0.0, 1.0, 0.25),
        Measure::Count | Measure::Minutes => {
            let (top, step) = nice(max);
            (0.0, top, step)
        }
    }
}

/// A top at or above `max` and a step of 1, 2 or 5 × 10ⁿ giving at most 5 steps.
pub fn nice(max: f64) -> (f64, f64) {
    if max <= 0.0 || !max.is_finite() {
        return (1.0, 1.0);
    }
    let rough = max / 5.0;
    let power = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0].into_iter().map(|m| m * power).find(|s| s * 5.0 >= max).unwrap_or(10.0 * power);
    let step = if step < 1.0 { 1.0 } else { step };
    ((max / step).ceil().max(1.0) * step, step)
}

impl BarChart {
    /// `values`: (label, its second line, figure); `shown` formats a figure as read.
    pub fn new(
        id: &str,
        title: &str,
        measure: Measure,
        layout: Layout,
        values: Vec<(String, Option<String>, Option<f64>)>,
        target: Option<(f64, String)>,
        shown: impl Fn(f64) -> String,
    ) -> BarChart {
        let max =
            values.iter().filter_map(|(_, _, v)| *v).chain(target.as_ref().map(|(v, _)| *v)).fold(0.0_f64, f64::max);
        let (bottom, top, step) = scale(measure, max);
        let ticks: Vec<f64> =
            (0..).map(|i| bottom + i as f64 * step).take_while(|v| *v <= top + step / 1000.0).collect();
        let tick_text = |v: f64| match measure {
            Measure::Share => format!("{:.0}%", v * 100.0),
            _ => format!("{v:.0}"),
        };
        let description = values
            .iter()
            .map(|(label, sub, v)| {
                let label = sub.as_ref().map_or_else(|| label.clone(), |sub| format!("{label} {sub}"));
                format!("{label}: {}", v.map(&shown).unwrap_or_else(|| "–".into()))
            })
            .collect::<Vec<_>>()
            .join("; ");
        let mut chart = BarChart {
            id: id.to_owned(),
            title: title.to_owned(),
            note: None,
            width: WIDTH,
            height: 0.0,
            bars: Vec::new(),
            values: Vec::new(),
            labels: Vec::new(),
            grid: Vec::new(),
            ticks: Vec::new(),
            axis: Line { x1: 0.0, y1: 0.0, x2: 0.0, y2: 0.0 },
            target: None,
            description,
        };
        let widest_tick = ticks.iter().map(|v| text_width(&tick_text(*v))).fold(0.0, f64::max);
        let clamp = |v: f64| v.clamp(bottom, top);
        match layout {
            Layout::Columns => {
                // Figures on a vertical scale at the left; labels under the columns.
                // The target's label has a band of its own above the tallest bar's figure.
                let band = if target.is_some() { FONT + GAP } else { 0.0 };
                let (plot_top, plot_bottom) = (band + FONT + GAP + 4.0, 190.0 + band);
                let left = widest_tick + GAP * 2.0;
                let slot = (WIDTH - left - GAP) / values.len().max(1) as f64;
                let y = |v: f64| plot_bottom - (clamp(v) - bottom) / (top - bottom) * (plot_bottom - plot_top);
                for v in &ticks {
                    chart.grid.push(Line { x1: left, y1: y(*v), x2: WIDTH, y2: y(*v) });
                    chart.ticks.push(Label::new(left - GAP, y(*v) + FONT * 0.35, "end", tick_text(*v)));
                }
                let bar_width = (slot * 0.7).max(2.0);
                for (i, (label, sub, value)) in values.into_iter().enumerate() {
                    let centre = left + (i as f64 + 0.5) * slot;
                    match value {
                        Some(v) => {
                            let (y0, y1) = (y(bottom), y(v));
                            chart.bars.push(Rect {
                                x: centre - bar_width / 2.0,
                                y: y1,
                                width: bar_width,
                                height: y0 - y1,
                            });
                            chart.values.push(Label::new(centre, y1 - GAP, "middle", shown(v)));
                        }
                        None => chart.values.push(Label::new(centre, plot_bottom - GAP, "middle", "–".into())),
                    }
                    chart.labels.push(Label { sub, ..Label::new(centre, plot_bottom + FONT + GAP, "middle", label) });
                }
                chart.axis = Line { x1: left, y1: plot_bottom, x2: WIDTH, y2: plot_bottom };
                chart.target = target.map(|(v, text)| {
                    (Line { x1: left, y1: y(v), x2: WIDTH, y2: y(v) }, Label::new(WIDTH - 2.0, FONT + 2.0, "end", text))
                });
                chart.height = plot_bottom + FONT * 2.0 + GAP * 2.0 + 2.0;
            }
            Layout::Rows => {
                // Names at the left, one row each; figures on a scale along the bottom.
                const ROW: f64 = 30.0;
                let left = values.iter().map(|(l, _, _)| text_width(l)).fold(0.0, f64::max) + GAP * 2.0;
                let widest_value = values
                    .iter()
                    .map(|(_, _, v)| text_width(&v.map(&shown).unwrap_or_else(|| "–".into())))
                    .fold(0.0, f64::max);
                let right = WIDTH - widest_value - GAP * 2.0 - widest_tick / 2.0;
                let plot_top = if target.is_some() { FONT + GAP * 2.0 } else { GAP };
                let plot_bottom = plot_top + ROW * values.len().max(1) as f64;
                let x = |v: f64| left + (clamp(v) - bottom) / (top - bottom) * (right - left);
                for v in &ticks {
                    chart.grid.push(Line { x1: x(*v), y1: plot_top, x2: x(*v), y2: plot_bottom });
                    chart.ticks.push(Label::new(x(*v), plot_bottom + FONT + GAP, "middle", tick_text(*v)));
                }
                for (i, (label, _, value)) in values.into_iter().enumerate() {
                    let middle = plot_top + (i as f64 + 0.5) * ROW;
                    let baseline = middle + FONT * 0.35;
                    let end = match value {
                        Some(v) => {
                            chart.bars.push(Rect {
                                x: left,
                                y: middle - ROW * 0.35,
                                width: x(v) - left,
                                height: ROW * 0.7,
                            });
                            x(v)
                        }
                        None => left,
                    };
                    let text = value.map(&shown).unwrap_or_else(|| "–".into());
                    chart.values.push(Label::new(end + GAP, baseline, "start", text));
                    chart.labels.push(Label::new(left - GAP, baseline, "end", label));
                }
                chart.axis = Line { x1: left, y1: plot_top, x2: left, y2: plot_bottom };
                chart.target = target.map(|(v, text)| {
                    (
                        Line { x1: x(v), y1: plot_top - GAP, x2: x(v), y2: plot_bottom },
                        Label::new(x(v), plot_top - GAP * 2.0, "middle", text),
                    )
                });
                chart.height = plot_bottom + FONT + GAP * 2.0;
            }
        }
        chart
    }

    /// Says what abbreviated labels stand for (shown under the title).
    pub fn noting(mut self, note: &str) -> BarChart {
        self.note = Some(note.to_owned());
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn months(values: &[Option<f64>]) -> Vec<(String, Option<String>, Option<f64>)> {
        values.iter().enumerate().map(|(i, v)| (format!("m{i}"), None, *v)).collect()
    }

    /// The horizontal extent of a label, from its anchor.
    fn span(l: &Label) -> (f64, f64) {
        let w = text_width(&l.text);
        match l.anchor {
            "start" => (l.x, l.x + w),
            "end" => (l.x - w, l.x),
            _ => (l.x - w / 2.0, l.x + w / 2.0),
        }
    }

    #[test]
    fn a_scale_steps_by_one_two_or_five() {
        assert_eq!(nice(0.0), (1.0, 1.0));
        assert_eq!(nice(3.0), (3.0, 1.0));
        assert_eq!(nice(9.0), (10.0, 2.0));
        assert_eq!(nice(47.0), (50.0, 10.0));
        assert_eq!(nice(120.0), (150.0, 50.0));
        assert_eq!(nice(1234.0), (1500.0, 500.0));
    }

    #[test]
    fn counts_start_at_zero_and_the_tallest_bar_reaches_its_tick() {
        let chart = BarChart::new(
            "c",
            "Obsłużeni",
            Measure::Count,
            Layout::Columns,
            months(&[Some(50.0), Some(100.0)]),
            None,
            |v| format!("{v:.0}"),
        );
        let ticks: Vec<&str> = chart.ticks.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(ticks, ["0", "20", "40", "60", "80", "100"]);
        assert_eq!(chart.bars[1].y, chart.grid.last().unwrap().y1, "100 reaches the top gridline");
        assert!((chart.bars[0].height * 2.0 - chart.bars[1].height).abs() < 1e-9);
    }

    #[test]
    fn scores_are_drawn_on_their_one_to_five_scale() {
        let chart =
            BarChart::new("s", "Ocena", Measure::Score, Layout::Columns, months(&[Some(3.0), Some(5.0)]), None, |v| {
                format!("{v:.1}")
            });
        let ticks: Vec<&str> = chart.ticks.iter().map(|t| t.text.as_str()).collect();
        assert_eq!(ticks, ["1", "2", "3", "4", "5"], "no 0 on a 1-5 scale");
        // 3 is half way up the 1-5 scale, not three fifths.
        assert!((chart.bars[0].height * 2.0 - chart.bars[1].height).abs() < 1e-9);
    }

    #[test]
    fn a_month_without_data_is_a_gap_not_a_bar_of_zero() {
        let chart = BarChart::new(
            "w",
            "Czas",
            Measure::Minutes,
            Layout::Columns,
            months(&[Some(8.0), None, Some(0.0)]),
            None,
            |v| format!("{v:.0}"),
        );
        assert_eq!(chart.bars.len(), 2, "the empty month draws no bar");
        assert_eq!(chart.values[1].text, "–");
        assert_eq!(chart.labels.len(), 3, "but keeps its place and its name");
        assert_eq!(chart.description, "m0: 8; m1: –; m2: 0");
    }

    #[test]
    fn twelve_month_labels_and_values_do_not_overlap() {
        let names = ["sty", "lut", "mar", "kwi", "maj", "cze", "lip", "sie", "wrz", "paź", "lis", "gru"];
        let values: Vec<(String, Option<String>, Option<f64>)> = (0..12)
            .map(|m| (names[m].to_owned(), (m == 0).then(|| "2026".to_owned()), Some(1234.0 + m as f64)))
            .collect();
        let chart =
            BarChart::new("m", "Obsłużeni", Measure::Count, Layout::Columns, values, None, |v| format!("{v:.0}"));
        for row in [&chart.labels, &chart.values] {
            for pair in row.windows(2) {
                assert!(span(&pair[0]).1 < span(&pair[1]).0, "{pair:?} overlap");
            }
        }
        assert!(chart.ticks.iter().all(|t| span(t).0 >= 0.0), "tick figures inside the drawing");
    }

    #[test]
    fn department_rows_never_overlap_however_many_and_keep_their_figures_inside() {
        let values: Vec<(String, Option<String>, Option<f64>)> =
            (0..14).map(|i| (format!("WYDZ-{i:02}"), None, if i == 3 { None } else { Some(i as f64 * 7.5) })).collect();
        let chart = BarChart::new(
            "d",
            "Czas",
            Measure::Minutes,
            Layout::Rows,
            values,
            Some((10.0, "cel 10 min".into())),
            |v| format!("{v:.1}"),
        );
        assert_eq!(chart.labels.len(), 14);
        assert_eq!(chart.bars.len(), 13);
        for pair in chart.labels.windows(2) {
            assert!(pair[1].y - pair[0].y >= FONT, "rows at least a line apart");
        }
        for v in &chart.values {
            assert!(span(v).1 <= chart.width, "{v:?} past the edge");
        }
        for l in &chart.labels {
            assert!(span(l).0 >= 0.0, "{l:?} past the left edge");
        }
        let (line, _) = chart.target.as_ref().unwrap();
        assert!(line.x1 > chart.axis.x1 && line.x1 < chart.width);
    }
}
