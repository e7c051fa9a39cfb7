//! What both pages share: escaping, the page frame, the style sheet.

use std::fmt::Write as _;

use taizhang_i18n::Lang;

/// `text` escaped for HTML text and attribute values.
pub(crate) fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Forbids every request: the page works from what it holds.
const CSP: &str =
    "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:";

/// A whole page around `body`, with the shared style sheet, `css` and `script`.
pub(crate) fn page(lang: Lang, title: &str, css: &str, body: &str, script: &str) -> String {
    let mut out = String::with_capacity(body.len() + css.len() + script.len() + 4096);
    let html_lang = match lang {
        Lang::Zh => "zh-CN",
        Lang::En => "en",
    };
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{html_lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
<meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
<meta name=\"generator\" content=\"taizhang {}\">\n<title>{}</title>\n<style>\n{BASE_CSS}\n{css}\n</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        esc(title)
    );
    out.push_str(body);
    // Errors and requests are counted on the page itself, so that a test (or a reader) can
    // see them in the document.
    out.push_str("\n<script>\n");
    out.push_str(GUARD_JS);
    out.push_str(script);
    out.push_str("\n</script>\n</body>\n</html>\n");
    out
}

const GUARD_JS: &str = r##"(function(){var d=document.documentElement;d.dataset.errors="0";
window.addEventListener("error",function(){d.dataset.errors=String(+d.dataset.errors+1);});
window.addEventListener("load",function(){try{d.dataset.requests=String(performance.getEntriesByType("resource").length);}catch(e){}d.dataset.ready="1";});})();
"##;

const BASE_CSS: &str = r##"
:root{--fg:#1f2329;--muted:#646a73;--line:#dee0e3;--bg:#fff;--soft:#f5f6f7;--accent:#245bdb;
--add:#e3f5e1;--add-fg:#1b6b1b;--del:#fde2e1;--del-fg:#a61b1b;--mod:#fff3d6;--move:#efe4ff;
--err:#d83931;--warn:#de7802;--info:#245bdb;}
*{box-sizing:border-box}
body{margin:0;font:14px/1.5 "PingFang SC","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",system-ui,sans-serif;color:var(--fg);background:var(--bg)}
header.top{padding:16px 24px 8px;border-bottom:1px solid var(--line)}
h1{font-size:22px;margin:0 0 4px}
h2{font-size:17px;margin:24px 0 8px;padding-bottom:4px;border-bottom:2px solid var(--accent)}
main{padding:0 24px 24px}
.muted{color:var(--muted)}
.chips{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0}
.chip{display:inline-block;padding:2px 10px;border-radius:12px;background:var(--soft);white-space:nowrap}
.chip b{font-size:16px;margin-right:4px}
.sev-error{color:var(--err)}.sev-warning{color:var(--warn)}.sev-info{color:var(--info)}
table{border-collapse:collapse}
th,td{border-bottom:1px solid var(--line);padding:4px 6px;text-align:left;vertical-align:top}
th{background:var(--soft);font-weight:600}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
button,select,input{font:inherit}
.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
@page{size:A4 landscape;margin:10mm}
@media print{.noprint{display:none!important}body{font-size:10pt}main,header.top{padding:0}
h2{break-after:avoid}tr,.change,.bar{break-inside:avoid}a{color:inherit}}
"##;
