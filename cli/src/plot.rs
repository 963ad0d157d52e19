//! Horizontal bar charts as a self-contained SVG (`advise --plot FILE.svg` draws
//! transactions and verify milliseconds per block with it). Knows nothing of `advise`.
//!
//! Written directly rather than through `plotters`: its SVG backend needs a font stack
//! (`ttf`/font-kit with system fontconfig, or an embedded font file) only to measure
//! label widths, while an SVG viewer renders `<text>` itself. Twenty lines of markup
//! avoid a native dependency in CI.

use std::fmt::Write as _;

const BAR_H: f64 = 18.0;
const GAP: f64 = 6.0;
const LABEL_W: f64 = 260.0;
const BAR_W: f64 = 420.0;
const VALUE_W: f64 = 90.0;

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn panel(svg: &mut String, y0: f64, title: &str, rows: &[(&str, f64, &str)], color: &str) -> f64 {
    let _ = writeln!(
        svg,
        r#"<text x="10" y="{:.1}" font-size="15" font-weight="bold">{}</text>"#,
        y0 + 16.0,
        escape(title)
    );
    let max = rows
        .iter()
        .map(|r| r.1)
        .fold(0.0_f64, f64::max)
        .max(f64::MIN_POSITIVE);
    let mut y = y0 + 28.0;
    for (label, v, shown) in rows {
        let w = (v / max * BAR_W).max(1.0);
        let _ = writeln!(
            svg,
            r#"<text x="{:.1}" y="{:.1}" font-size="12" text-anchor="end">{}</text><rect x="{:.1}" y="{:.1}" width="{w:.1}" height="{BAR_H}" fill="{color}"/><text x="{:.1}" y="{:.1}" font-size="12">{}</text>"#,
            LABEL_W - 8.0,
            y + 13.0,
            escape(label),
            LABEL_W,
            y,
            LABEL_W + w + 6.0,
            y + 13.0,
            escape(shown)
        );
        y += BAR_H + GAP;
    }
    y
}

/// One bar: label, value (its length) and the text shown after it.
pub(crate) type Bar = (String, f64, String);

/// An SVG document titled `title` / `subtitle` with one horizontal bar chart per
/// `(heading, bars, colour)` panel, stacked top to bottom.
pub(crate) fn svg(title: &str, subtitle: &str, panels: &[(&str, Vec<Bar>, &str)]) -> String {
    let bars: usize = panels.iter().map(|p| p.1.len()).sum();
    let height = 70.0 + 40.0 * panels.len() as f64 + bars as f64 * (BAR_H + GAP);
    let width = LABEL_W + BAR_W + VALUE_W;
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="sans-serif"><rect width="100%" height="100%" fill="white"/>"#
    );
    let _ = writeln!(
        s,
        r#"<text x="10" y="20" font-size="17" font-weight="bold">{}</text><text x="10" y="38" font-size="12">{}</text>"#,
        escape(title),
        escape(subtitle)
    );
    let mut y = 48.0;
    for (heading, bars, colour) in panels {
        let refs: Vec<(&str, f64, &str)> = bars
            .iter()
            .map(|(label, v, shown)| (label.as_str(), *v, shown.as_str()))
            .collect();
        y = panel(&mut s, y, heading, &refs, colour) + 8.0;
    }
    s.push_str("</svg>\n");
    s
}
