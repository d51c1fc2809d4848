import { ProviderError } from './provider-context.js';

// One load per address for the whole page, whatever the number of widgets on it, because a
// provider's script defines one global. A failed load is forgotten so that a retry loads again.
const loads = new Map<string, Promise<void>>();

/**
 * Loads a provider's script once and returns the global it defines (`Stripe`, `Plaid`).
 * Returns the global at once when the page already has it. Throws `ProviderError`
 * `script_failed` when the script does not load or does not define `globalName`.
 */
export async function loadProviderScript<T>(url: string, globalName: string): Promise<T> {
  const globals = globalThis as unknown as Record<string, T | undefined>;
  const present = globals[globalName];
  if (present) return present;

  let load = loads.get(url);
  if (!load) {
    load = new Promise<void>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = url;
      script.async = true;
      script.onload = () => resolve();
      script.onerror = () => {
        script.remove();
        reject(new ProviderError('script_failed', `Failed to load ${url}.`));
      };
      document.head.append(script);
    });
    loads.set(url, load);
    load.catch(() => loads.delete(url));
  }
  await load;

  const loaded = globals[globalName];
  if (!loaded) {
    loads.delete(url);
    throw new ProviderError('script_failed', `${url} loaded but did not define ${globalName}.`);
  }
  return loaded;
}
