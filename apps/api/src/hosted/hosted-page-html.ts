/** The vendor's face on a hosted page. */
export interface HostedBranding {
  vendorName: string;
  /** Absolute http(s) address of the logo, or undefined for none. */
  logoUrl: string | undefined;
  /** A hex colour such as `#0a5fff`, or undefined for the widget's neutral default. */
  primaryColor: string | undefined;
}

export interface HostedPageContent {
  lang: string;
  title: string;
  branding: HostedBranding;
  styleNonce: string;
  /** The page's body below the vendor's header: escaped markup built with `html`. */
  main: SafeHtml;
  /** Widens the content column for the whole portal, whose tables need the room. */
  wide?: boolean;
}

/** Markup whose interpolated values were escaped by `html`. */
export class SafeHtml {
  constructor(readonly markup: string) {}
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for an HTML element or a quoted attribute value. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);
}

/** Tagged template that escapes every interpolated value unless it is `SafeHtml`. */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let markup = strings[0] ?? '';
  values.forEach((value, index) => {
    const part =
      value instanceof SafeHtml
        ? value.markup
        : Array.isArray(value)
          ? value
              .map((item) => (item instanceof SafeHtml ? item.markup : escapeHtml(String(item))))
              .join('')
          : value === undefined || value === null || value === false
            ? ''
            : escapeHtml(String(value));
    markup += part + (strings[index + 1] ?? '');
  });
  return new SafeHtml(markup);
}

/**
 * Renders a whole hosted page: the vendor's logo and name in a header, `main`, and the
 * widget's script-tag build. The vendor's colour goes into the one `<style>` element, which
 * carries the nonce of the page's Content-Security-Policy; there is no inline script.
 */
export function renderHostedPage(page: HostedPageContent): string {
  const { branding } = page;
  // Only a checked hex colour reaches the stylesheet, so no vendor text can close the rule.
  const theme =
    branding.primaryColor === undefined ? '' : `--duly-color-primary: ${branding.primaryColor};`;
  return html`<!doctype html>
<html lang="${page.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<title>${page.title}</title>
<link rel="icon" href="${branding.logoUrl ?? '/hosted/favicon.svg'}">
<link rel="stylesheet" href="/hosted/hosted-page.css">
<style nonce="${page.styleNonce}">:root { ${theme} }</style>
<script type="module" src="/duly.js"></script>
</head>
<body${page.wide ? html` class="wide"` : ''}>
<header class="vendor">
${branding.logoUrl === undefined ? '' : html`<img class="logo" src="${branding.logoUrl}" alt="">`}
<span class="vendor-name">${branding.vendorName}</span>
</header>
<main>
${page.main}
</main>
<footer>Duly</footer>
</body>
</html>
`.markup;
}
