/**
 * The stylesheet of the hosted pages, served at `/hosted/hosted-page.css`. The vendor's
 * colour comes in through `--duly-color-primary`, which the widget's elements read too.
 */
export const HOSTED_PAGE_CSS = `
*, *::before, *::after { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body {
  --hosted-width: 640px;
  margin: 0;
  min-height: 100vh;
  display: flex;
  flex-direction: column;
  background: #f5f6f8;
  color: #16181d;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 16px;
  line-height: 1.45;
}
header.vendor {
  display: flex;
  align-items: center;
  gap: 12px;
  padding: 16px max(16px, calc((100% - var(--hosted-width)) / 2 + 16px));
  background: #ffffff;
  border-bottom: 1px solid #d5d9e0;
  border-top: 4px solid var(--duly-color-primary, #1f2937);
}
header.vendor .logo { height: 32px; width: auto; max-width: 160px; object-fit: contain; }
header.vendor .vendor-name { font-weight: 600; font-size: 1.0625rem; overflow-wrap: anywhere; }
main {
  flex: 1;
  width: 100%;
  max-width: var(--hosted-width);
  margin: 0 auto;
  padding: 24px 16px 32px;
}
body.wide { --hosted-width: 1040px; }
duly-hosted-pay, duly-portal { display: block; }
.problem {
  background: #ffffff;
  border: 1px solid #d5d9e0;
  border-radius: 8px;
  padding: 24px;
}
.problem h1 { font-size: 1.25rem; margin: 0 0 8px; }
.problem p { margin: 0; color: #555c69; }
footer {
  padding: 16px;
  text-align: center;
  color: #555c69;
  font-size: 0.8125rem;
}
@media (max-width: 400px) {
  main { padding: 16px 12px 24px; }
  header.vendor { padding: 12px; }
}
`;
