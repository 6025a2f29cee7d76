import { html, LitElement } from 'lit';
import { baseStyles } from './styles';

/** Named so that declarations can be emitted for the classes built from it (an anonymous class type cannot be). */
export type PlaceholderElementClass = new () => LitElement & { basePath: string };

/** Stand-in for an element whose server routes have not landed yet: it is mounted and wired, and says so. */
export function placeholderElement(title: string, arrivesWith: string): PlaceholderElementClass {
  return class extends LitElement {
    static styles = baseStyles;
    static properties = { basePath: { type: String, attribute: 'base-path' } };
    basePath = '/pax8';
    render() {
      return html`<div class="card" part="base"><h2>${title}</h2><p class="muted">Not available yet: arrives with ${arrivesWith}.</p></div>`;
    }
  };
}
