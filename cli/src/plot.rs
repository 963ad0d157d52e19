//! `advise --plot FILE.svg`: two horizontal bar charts (transactions per block, verify
//! milliseconds per block) as a self-contained SVG.
//!
//! Written directly rather than through `plotters`: its SVG backend needs a font stack
//! (`ttf`/font-kit with system fontconfig, or an embedded font file) only to measure
//! label widths, while an SVG viewer renders `<text>` itself. Twenty lines of markup
//! avoid a native dependency in CI.

use std::fmt::Write as _;

use crate::advise::Row;

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

/// The SVG document for `rows` (schemes without a measured speed get no verify bar).
pub(crate) fn svg(rows: &[Row], subtitle: &str) -> String {
    let tx: Vec<(&str, f64, String)> = rows
        .iter()
        .map(|r| {
            (
                r.alg,
                r.tx_per_block as f64,
                format!("{} tx", r.tx_per_block),
            )
        })
        .collect();
    let verify: Vec<(&str, f64, String)> = rows
        .iter()
        .filter_map(|r| {
            r.verify_ms_per_block
                .map(|ms| (r.alg, ms, format!("{ms:.1} ms")))
        })
        .collect();
    let n = rows.len() as f64;
    let height = 70.0 + 2.0 * (40.0 + n * (BAR_H + GAP));
    let width = LABEL_W + BAR_W + VALUE_W;
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" font-family="sans-serif"><rect width="100%" height="100%" fill="white"/>"#
    );
    let _ = writeln!(
        s,
        r#"<text x="10" y="20" font-size="17" font-weight="bold">pqmigrate advise</text><text x="10" y="38" font-size="12">{}</text>"#,
        escape(subtitle)
    );
    let tx_refs: Vec<(&str, f64, &str)> = tx.iter().map(|(a, v, t)| (*a, *v, t.as_str())).collect();
    let y = panel(&mut s, 48.0, "transactions per block", &tx_refs, "#4e79a7");
    let verify_refs: Vec<(&str, f64, &str)> = verify
        .iter()
        .map(|(a, v, t)| (*a, *v, t.as_str()))
        .collect();
    panel(
        &mut s,
        y + 8.0,
        "verification per block (ms, all cores)",
        &verify_refs,
        "#e15759",
    );
    s.push_str("</svg>\n");
    s
}
