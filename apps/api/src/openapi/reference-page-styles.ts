/**
 * The reference page's stylesheet, served from its own path so that the page's
 * Content-Security-Policy can allow styles from 'self' only, with no inline style.
 */
export const REFERENCE_STYLESHEET = `
:root {
  color-scheme: light dark;
  --text: #1d2330;
  --muted: #5b6475;
  --background: #ffffff;
  --panel: #f5f7fa;
  --border: #dde2ea;
  --accent: #0a5fff;
  --code: #f0f2f6;
  --get: #0f7b3f;
  --post: #0a5fff;
  --put: #8a4b00;
  --patch: #8a4b00;
  --delete: #b3261e;
}
@media (prefers-color-scheme: dark) {
  :root {
    --text: #e6e9ef;
    --muted: #a3abba;
    --background: #12151b;
    --panel: #1a1f27;
    --border: #2d3440;
    --accent: #7aa7ff;
    --code: #222833;
    --get: #5fd08f;
    --post: #7aa7ff;
    --put: #f0b35a;
    --patch: #f0b35a;
    --delete: #ff8a80;
  }
}
* { box-sizing: border-box; }
html { scroll-padding-top: 1rem; }
body {
  margin: 0;
  font: 15px/1.55 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  color: var(--text);
  background: var(--background);
  display: grid;
  grid-template-columns: 17rem minmax(0, 1fr);
}
a { color: var(--accent); }
code {
  font: 0.88em ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
  background: var(--code);
  padding: 0.05em 0.3em;
  border-radius: 3px;
  overflow-wrap: anywhere;
}
.toc {
  position: sticky;
  top: 0;
  height: 100vh;
  overflow-y: auto;
  padding: 1rem;
  border-right: 1px solid var(--border);
  background: var(--panel);
  font-size: 0.85rem;
}
.toc ul { list-style: none; margin: 0; padding-left: 0.75rem; }
.toc > ul { padding-left: 0; }
.toc li { margin: 0.15rem 0; }
.toc a { text-decoration: none; }
.toc-title { font-weight: 600; margin-top: 0; }
main { padding: 1.5rem 2rem 4rem; max-width: 62rem; }
h1 { margin-top: 0; }
h2 { border-bottom: 1px solid var(--border); padding-bottom: 0.3rem; margin-top: 2.5rem; }
h3 { margin: 0 0 0.3rem; font-size: 1.05rem; }
h4 { margin: 1rem 0 0.4rem; font-size: 0.95rem; }
h3, h4, .toc a { overflow-wrap: anywhere; }
.version, .auth, .optional, .constraints { color: var(--muted); }
.optional, .constraints { font-size: 0.85em; }
.operation, .schema {
  border: 1px solid var(--border);
  border-radius: 6px;
  padding: 1rem;
  margin: 1rem 0;
}
.summary { margin: 0.2rem 0; font-weight: 500; }
.method {
  display: inline-block;
  min-width: 4.2rem;
  font-size: 0.8rem;
  font-weight: 700;
  letter-spacing: 0.03em;
}
.method-get { color: var(--get); }
.method-post { color: var(--post); }
.method-put { color: var(--put); }
.method-patch { color: var(--patch); }
.method-delete { color: var(--delete); }
.path { background: none; padding: 0; font-size: 0.95rem; }
table { border-collapse: collapse; width: 100%; margin: 0.4rem 0; font-size: 0.9rem; }
th, td { text-align: left; vertical-align: top; padding: 0.35rem 0.5rem; border-bottom: 1px solid var(--border); }
th { font-weight: 600; color: var(--muted); }
td p { margin: 0.2rem 0; }
td table { margin-top: 0.4rem; }
.variants { padding-left: 1.2rem; }
.success td:first-child { color: var(--get); font-weight: 600; }
@media (max-width: 48rem) {
  body { display: block; }
  .toc { position: static; height: auto; border-right: 0; border-bottom: 1px solid var(--border); }
  main { padding: 1rem; }
  /* A wide table scrolls on its own instead of widening the page. */
  table { display: block; overflow-x: auto; }
}
`;
