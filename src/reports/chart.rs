//! Bar charts drawn as SVG by the templates: this computes the geometry, the
//! template draws it. Every chart has its numbers in a table beside it, and the
//! SVG itself carries a title and a description for screen readers.

/// One bar, with the figure printed above it.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: Option<f64>,
    /// The figure as shown, e.g. "12,5".
    pub shown: String,
    pub x: f64,
    pub y: f64,
    pub height: f64,
}

#[derive(Clone, Debug)]
pub struct BarChart {
    pub id: String,
    pub title: String,
    pub bars: Vec<Bar>,
    pub bar_width: f64,
    /// An optional line across the chart (e.g. the target), with its label.
    pub line: Option<(f64, String)>,
}

/// The drawing area, in SVG user units; the SVG scales to the page's width.
pub const WIDTH: f64 = 640.0;
pub const HEIGHT: f64 = 240.0;
const TOP: f64 = 24.0;
const BOTTOM: f64 = 36.0;
const LEFT: f64 = 8.0;

impl BarChart {
    /// `values`: (label, figure); `shown` formats a figure for the label above its bar.
    pub fn new(
        id: &str,
        title: &str,
        values: Vec<(String, Option<f64>)>,
        line: Option<(f64, String)>,
        shown: impl Fn(f64) -> String,
    ) -> BarChart {
        let n = values.len().max(1) as f64;
        let slot = (WIDTH - 2.0 * LEFT) / n;
        let bar_width = (slot * 0.7).max(2.0);
        let max = values.iter().filter_map(|(_, v)| *v).chain(line.as_ref().map(|(v, _)| *v)).fold(0.0_f64, f64::max);
        let scale = if max > 0.0 { (HEIGHT - TOP - BOTTOM) / max } else { 0.0 };
        let bars = values
            .into_iter()
            .enumerate()
            .map(|(i, (label, value))| {
                let height = value.unwrap_or(0.0).max(0.0) * scale;
                Bar {
                    label,
                    shown: value.map(&shown).unwrap_or_else(|| "–".into()),
                    value,
                    x: LEFT + i as f64 * slot + (slot - bar_width) / 2.0,
                    y: HEIGHT - BOTTOM - height,
                    height,
                }
            })
            .collect();
        let line = line.map(|(v, label)| (HEIGHT - BOTTOM - v * scale, label));
        BarChart { id: id.to_owned(), title: title.to_owned(), bars, bar_width, line }
    }

    pub fn width(&self) -> f64 {
        WIDTH
    }

    pub fn height(&self) -> f64 {
        HEIGHT
    }

    /// The baseline's y.
    pub fn base(&self) -> f64 {
        HEIGHT - BOTTOM
    }

    /// A short description: "label: figure; ..." for screen readers.
    pub fn description(&self) -> String {
        self.bars.iter().map(|b| format!("{}: {}", b.label, b.shown)).collect::<Vec<_>>().join("; ")
    }
}

impl Bar {
    pub fn centre(&self, width: &f64) -> f64 {
        self.x + width / 2.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tallest_bar_fills_the_height_and_missing_figures_draw_nothing() {
        let chart = BarChart::new(
            "c",
            "Obsłużeni",
            vec![("a".into(), Some(50.0)), ("b".into(), Some(100.0)), ("c".into(), None)],
            None,
            |v| format!("{v:.0}"),
        );
        let full = HEIGHT - TOP - BOTTOM;
        assert_eq!(chart.bars[1].height, full);
        assert_eq!(chart.bars[0].height, full / 2.0);
        assert_eq!(chart.bars[2].height, 0.0);
        assert_eq!(chart.bars[2].shown, "–");
        assert!(chart.bars[0].x < chart.bars[1].x);
        assert_eq!(chart.description(), "a: 50; b: 100; c: –");
    }
}
