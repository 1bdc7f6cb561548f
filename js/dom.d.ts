// Types for veil-filter/dom.js.

// The verdict types come from the engine's own declarations, so they never drift apart.
import type { Action, Verdict } from "./veil.js";
export type { Action, Verdict, CategoryHit, Reason, Span } from "./veil.js";

export interface RevealInfo {
  element: HTMLElement;
  verdict: Verdict;
  action: "blur" | "hide";
}

export interface Labels {
  blurred: string;
  hidden: string;
  shown: string;
  showAnyway: string;
  open: string;
  hideAgain: string;
  /** Templates may contain `{reason}`. */
  blurredLabel: string;
  hiddenLabel: string;
  shownLabel: string;
  showAnywayLabel: string;
  openLabel: string;
  hideAgainLabel: string;
  denied: string;
  sep: string;
  unknown: string;
}

export interface ProtectOptions {
  /** Language of the reason and the controls. Default "en". */
  lang?: "en" | "zh";
  /** Called after the message has been revealed. The element also fires a bubbling "veil:reveal" event. */
  onReveal?: (info: RevealInfo) => void;
  /**
   * Gate for opening hidden messages (e.g. ask for the parent PIN). Return false to keep it hidden.
   * Applies to blurred messages too when `gateBlur` is true.
   */
  canReveal?: (info: RevealInfo) => boolean | Promise<boolean>;
  /** Also ask `canReveal` before un-blurring. Default false. */
  gateBlur?: boolean;
  /** Offer a "Hide again" button after revealing. Default true. */
  allowHideAgain?: boolean;
  /** Mark the flagged spans once revealed (only when the element holds plain text). Default true. */
  highlight?: boolean;
  /** Override any of the built-in strings. */
  labels?: Partial<Labels>;
}

export interface Protection {
  readonly action: Action;
  readonly revealed: boolean;
  /** Reveal, asking `canReveal` first unless `force`. Resolves to whether it was revealed. */
  reveal(opts?: { force?: boolean }): Promise<boolean>;
  /** Blur or hide again. */
  conceal(focusButton?: boolean): void;
  /** Same as unprotect(element). */
  destroy(): void;
}

/** Blur or hide `element` according to `verdict`. A "show" verdict leaves the element untouched. */
export function protect(element: HTMLElement, verdict: Verdict, options?: ProtectOptions): Protection;

/** Restore an element passed to protect() to how it was. */
export function unprotect(element: HTMLElement): void;

/** The verdict's reasons in one language, joined. */
export function reasonText(verdict: Verdict, lang?: "en" | "zh"): string;
