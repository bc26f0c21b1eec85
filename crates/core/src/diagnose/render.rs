//! The two human renderings of a [`Diagnosis`]: a fixed-width table for the log, markdown for the
//! job summary. Both lead with the root cause's fix once, then the table of checks.

use super::{CheckStatus, Diagnosis, Finding};

fn duration(ms: Option<u64>) -> String {
    match ms {
        None => "-".to_string(),
        Some(ms) if ms < 10_000 => format!("{ms} ms"),
        Some(ms) => crate::login::seconds_label(ms),
    }
}

fn clip(s: &str, max: usize) -> String {
    let one_line = s.replace(['\r', '\n'], " ");
    if one_line.chars().count() <= max {
        one_line
    } else {
        let mut t: String = one_line.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// Fixed-width table, then the root cause in full.
pub fn render_text(d: &Diagnosis) -> String {
    let rows: Vec<[String; 5]> = d
        .checks
        .iter()
        .map(|c| {
            [
                c.status.label().to_string(),
                c.title.clone(),
                c.registry.clone().unwrap_or_default(),
                duration(c.duration_ms),
                clip(&c.detail, 120),
            ]
        })
        .collect();
    let header = ["Result", "Check", "Registry", "Time", "Detail"].map(String::from);
    let mut widths = [0usize; 4];
    for r in std::iter::once(&header).chain(rows.iter()) {
        for i in 0..4 {
            widths[i] = widths[i].max(r[i].chars().count());
        }
    }
    let mut out = String::new();
    for r in std::iter::once(&header).chain(rows.iter()) {
        for i in 0..4 {
            out.push_str(&format!("{:<w$}  ", r[i], w = widths[i]));
        }
        out.push_str(&r[4]);
        out.push('\n');
    }
    for n in &d.notices {
        out.push_str(&format!("note: {n}\n"));
    }
    match &d.top {
        Some(f) => {
            out.push('\n');
            out.push_str(&f.message());
            out.push('\n');
        }
        None if d.ok => out.push_str("\nAll checks passed.\n"),
        None => {}
    }
    out
}

/// Markdown text with `<` made inert (GitHub drops what looks like an HTML tag) outside code spans
/// only: inside one an entity is not decoded, so `&lt;IDENTITY_NAME>` would reach the reader (and
/// a copied command) literally. Code spans follow CommonMark: a run of N backticks up to the next
/// run of exactly N; an unclosed run is plain text.
fn md_text(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len() + 8);
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'`' => {
                let run = b[i..].iter().take_while(|&&c| c == b'`').count();
                let close = (i + run..b.len()).find(|&j| {
                    b[j] == b'`' && b[j - 1] != b'`' && b[j..].iter().take_while(|&&c| c == b'`').count() == run
                });
                let end = close.map_or(i + run, |j| j + run);
                out.push_str(&s[i..end]);
                i = end;
            }
            b'<' => {
                out.push_str("&lt;");
                i += 1;
            }
            _ => {
                let next = b[i..].iter().position(|&c| c == b'`' || c == b'<').map_or(b.len(), |k| i + k);
                out.push_str(&s[i..next]);
                i = next;
            }
        }
    }
    out
}

/// A table cell: one line, clipped, `|` escaped (GitHub honours `\|` inside code spans too).
fn md_cell(s: &str) -> String {
    md_text(&clip(s, 200).replace('|', "\\|"))
}

fn icon(s: CheckStatus) -> &'static str {
    match s {
        CheckStatus::Pass => "✅",
        CheckStatus::Warn => "⚠️",
        CheckStatus::Fail => "❌",
        CheckStatus::Skip => "⏭️",
    }
}

fn md_finding(f: &Finding) -> String {
    let mut out = String::new();
    let head = match (&f.id, &f.link) {
        (Some(id), Some(link)) => format!("**[{id}]({link}) {}**", md_cell(&f.title)),
        _ => format!("**{}**", md_cell(&f.title)),
    };
    out.push_str(&head);
    out.push_str("\n\n");
    if !f.explanation.is_empty() {
        out.push_str(&md_text(&f.explanation));
        out.push_str("\n\n");
    }
    for (i, step) in f.fix.iter().enumerate() {
        out.push_str(&format!("{}. {}\n", i + 1, md_text(step)));
    }
    if !f.fix.is_empty() {
        out.push('\n');
    }
    if let Some(e) = &f.evidence {
        out.push_str(&format!("> Service said: {}\n\n", md_text(&clip(e, 400))));
    }
    out
}

/// Markdown for `$GITHUB_STEP_SUMMARY`: verdict heading, root cause with its fix, checks table.
pub fn render_markdown(d: &Diagnosis, heading: &str) -> String {
    let mut out = String::new();
    let verdict = if d.ok { "✅" } else { "❌" };
    out.push_str(&format!("### {verdict} {}\n\n", md_cell(heading)));
    if let Some(f) = &d.top {
        out.push_str(&md_finding(f));
    }
    out.push_str("| | Check | Registry | Time | Detail |\n|---|---|---|---|---|\n");
    for c in &d.checks {
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} |\n",
            icon(c.status),
            md_cell(&c.title),
            c.registry.as_deref().map(|r| format!("`{}`", md_cell(r))).unwrap_or_default(),
            duration(c.duration_ms),
            md_cell(&c.detail)
        ));
    }
    if !d.notices.is_empty() {
        out.push('\n');
        for n in &d.notices {
            out.push_str(&format!("- {}\n", md_cell(n)));
        }
    }
    let others: Vec<&Finding> = d
        .checks
        .iter()
        .filter_map(|c| c.finding.as_ref())
        .filter(|f| Some(*f) != d.top.as_ref())
        .collect();
    if !others.is_empty() {
        out.push_str("\n<details><summary>Other findings</summary>\n\n");
        for f in others {
            out.push_str(&md_finding(f));
        }
        out.push_str("</details>\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{Check, CheckKind};
    use super::*;

    fn sample() -> Diagnosis {
        Diagnosis::from_checks(
            vec![
                Check::new(CheckKind::Dns, Some("r.azurecr.io"), CheckStatus::Pass, "resolved to 10.0.0.1").took(Some(3)),
                Check::new(CheckKind::Challenge, Some("r.azurecr.io"), CheckStatus::Fail, "403 | denied")
                    .took(Some(12_345))
                    .with_finding(
                        Finding::known("AL040")
                            .explain("client 1.2.3.4 is not allowed")
                            .fix("az acr network-rule add -n r --ip-address 1.2.3.4")
                            .evidence(Some("denied: client with IP '1.2.3.4' is not allowed access".into())),
                    ),
                Check::new(CheckKind::RefreshToken, Some("r.azurecr.io"), CheckStatus::Skip, "needs the challenge"),
            ],
            vec!["retried once".into()],
        )
    }

    #[test]
    fn text_table_aligns_and_ends_with_the_fix() {
        let t = render_text(&sample());
        let lines: Vec<&str> = t.lines().collect();
        assert!(lines[0].starts_with("Result  Check"));
        let col = lines[0].find("Registry").unwrap();
        assert_eq!(lines[1].find("r.azurecr.io"), Some(col));
        assert!(t.contains("12.3 s") && t.contains("3 ms"));
        assert!(t.contains("AL040 ") && t.contains("Fix 1: az acr network-rule add"));
        assert!(t.contains("note: retried once"));
    }

    #[test]
    fn markdown_has_verdict_link_and_escaped_table() {
        let m = render_markdown(&sample(), "ACR login failed");
        assert!(m.starts_with("### ❌ ACR login failed"));
        assert!(m.contains("**[AL040](https://org.github.io/acr-login-action/#AL040)"));
        assert!(m.contains("| ❌ | Registry challenge (/v2/) | `r.azurecr.io` | 12.3 s | 403 \\| denied |"));
        assert!(m.contains("1. az acr network-rule add"));
        assert!(m.contains("> Service said: denied: client with IP"));
    }

    #[test]
    fn markdown_keeps_placeholders_in_code_and_neutralises_tags_outside() {
        let mut d = sample();
        let f = d.top.as_mut().unwrap();
        f.fix = vec!["Run `az identity federated-credential create --identity-name <IDENTITY_NAME>` as <b>owner</b>".into()];
        f.evidence = Some("<html>denied</html> and ``a <tag> `inside` `` and an unclosed ` <x>".into());
        let m = render_markdown(&d, "x");
        assert!(m.contains("1. Run `az identity federated-credential create --identity-name <IDENTITY_NAME>` as &lt;b>owner&lt;/b>\n"), "{m}");
        assert!(m.contains("> Service said: &lt;html>denied&lt;/html> and ``a <tag> `inside` `` and an unclosed ` &lt;x>\n"), "{m}");
    }

    #[test]
    fn markdown_cells_escape_pipes_inside_code_spans_as_well() {
        assert_eq!(md_cell("`a|b <c>` <d>"), "`a\\|b <c>` &lt;d>");
    }
}
