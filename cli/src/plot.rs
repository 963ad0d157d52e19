//! A labelled scatter plot as a self-contained SVG (`advise --plot FILE.svg` draws
//! transactions per block against verification milliseconds per block with it). Knows
//! nothing of `advise`.
//!
//! Written directly rather than through `plotters`: its SVG backend needs a font stack
//! (`ttf`/font-kit with system fontconfig, or an embedded font file) only to measure
//! label widths, while an SVG viewer renders `<text>` itself. A few lines of markup
//! avoid a native dependency in CI.

use std::fmt::Write as _;

const W: f64 = 900.0;
const H: f64 = 620.0;
const LEFT: f64 = 80.0;
const RIGHT: f64 = 240.0;
const TOP: f64 = 60.0;
const BOTTOM: f64 = 60.0;

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// One labelled point.
pub(crate) struct Point {
    /// Shown next to the point.
    pub label: String,
    /// Horizontal value (drawn on a log10 axis; must be positive).
    pub x: f64,
    /// Vertical value (linear axis from 0).
    pub y: f64,
    /// Fill colour.
    pub colour: &'static str,
}

/// An SVG document titled `title` / `subtitle`: `points` on a log10 x axis (decade
/// ticks) and a linear y axis from 0, one `<circle>` and one label per point.
pub(crate) fn scatter(
    title: &str,
    subtitle: &str,
    x_title: &str,
    y_title: &str,
    points: &[Point],
) -> String {
    let (pw, ph) = (W - LEFT - RIGHT, H - TOP - BOTTOM);
    let xs = points.iter().map(|p| p.x.max(1e-3).log10());
    let lo = xs.clone().fold(f64::INFINITY, f64::min).floor();
    let hi = xs.fold(f64::NEG_INFINITY, f64::max).ceil().max(lo + 1.0);
    let (lo, hi) = if lo.is_finite() { (lo, hi) } else { (0.0, 1.0) };
    let y_max = points.iter().map(|p| p.y).fold(1.0_f64, f64::max) * 1.08;
    let px = |x: f64| LEFT + (x.max(1e-3).log10() - lo) / (hi - lo) * pw;
    let py = |y: f64| TOP + ph - y / y_max * ph;
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{W}" height="{H}" viewBox="0 0 {W} {H}" font-family="sans-serif"><rect width="100%" height="100%" fill="white"/>"#
    );
    let _ = writeln!(
        s,
        r#"<text x="10" y="22" font-size="17" font-weight="bold">{}</text><text x="10" y="40" font-size="12">{}</text>"#,
        escape(title),
        escape(subtitle)
    );
    // Axes, decade ticks on x, five ticks on y.
    let _ = writeln!(
        s,
        r##"<path d="M{LEFT},{TOP} V{:.1} H{:.1}" stroke="#333" fill="none"/>"##,
        TOP + ph,
        LEFT + pw
    );
    for d in lo as i32..=hi as i32 {
        let x = px(10f64.powi(d));
        let _ = writeln!(
            s,
            r##"<line x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{:.1}" stroke="#ddd"/><text x="{x:.1}" y="{:.1}" font-size="11" text-anchor="middle">{}</text>"##,
            TOP,
            TOP + ph,
            TOP + ph + 16.0,
            10f64.powi(d)
        );
    }
    for k in 0..=5 {
        let v = y_max / 1.08 * f64::from(k) / 5.0;
        let y = py(v);
        let _ = writeln!(
            s,
            r##"<line x1="{LEFT}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#eee"/><text x="{:.1}" y="{:.1}" font-size="11" text-anchor="end">{v:.0}</text>"##,
            LEFT + pw,
            LEFT - 6.0,
            y + 4.0
        );
    }
    let _ = writeln!(
        s,
        r#"<text x="{:.1}" y="{:.1}" font-size="13" text-anchor="middle">{}</text><text x="18" y="{:.1}" font-size="13" text-anchor="middle" transform="rotate(-90 18 {:.1})">{}</text>"#,
        LEFT + pw / 2.0,
        H - 18.0,
        escape(x_title),
        TOP + ph / 2.0,
        TOP + ph / 2.0,
        escape(y_title)
    );
    for p in points {
        let (x, y) = (px(p.x), py(p.y));
        let _ = writeln!(
            s,
            r#"<circle cx="{x:.1}" cy="{y:.1}" r="5" fill="{}"/><text x="{:.1}" y="{:.1}" font-size="11">{} ({:.0} tx, {:.1} ms)</text>"#,
            p.colour,
            x + 8.0,
            y + 4.0,
            escape(&p.label),
            p.y,
            p.x
        );
    }
    s.push_str("</svg>\n");
    s
}
