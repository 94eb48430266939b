// What a person does and sees in the VS Code workbench, through playwright-core: the command palette,
// input boxes, the WorkOS views, editor tabs and notification toasts.
import type { Locator, Page } from 'playwright-core';

const SIDE_BAR_WIDTH = 560;

export class Workbench {
  constructor(readonly page: Page) {}

  /** Loads the workbench at `url`, opens the WorkOS view from the activity bar and widens the side bar. */
  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.locator('.monaco-workbench').waitFor();
    await this.page.getByRole('tab', { name: /WorkOS/ }).click();
    await this.view.waitFor();
    await this.widenSideBar(SIDE_BAR_WIDTH);
  }

  /** Drags the side bar's edge, as a person would, so that labels and their descriptions fit. */
  private async widenSideBar(width: number): Promise<void> {
    const box = await this.page.locator('.part.sidebar').boundingBox();
    if (!box) throw new Error('The side bar is not shown');
    const y = box.y + box.height / 2;
    await this.page.mouse.move(box.x + box.width + 2, y);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + width, y, { steps: 5 });
    await this.page.mouse.up();
    await this.page.mouse.move(1000, 15);
    await this.page.locator('.monaco-sash.hover, .monaco-sash.active').first().waitFor({ state: 'detached' });
  }

  get quickInput(): Locator {
    return this.page.locator('.quick-input-widget');
  }

  get quickInputBox(): Locator {
    return this.quickInput.locator('.quick-input-box input');
  }

  get quickInputRows(): Locator {
    return this.quickInput.locator('.quick-input-list .monaco-list-row');
  }

  /** Opens the command palette with `text` typed after the `>` and waits until a row matches it. */
  async palette(text: string): Promise<void> {
    await this.page.keyboard.press('F1');
    await this.quickInputBox.fill(`>${text}`);
    await this.quickInputRows.filter({ hasText: text }).first().waitFor();
  }

  /** Runs a command from the palette by its full title, e.g. 'WorkOS: Refresh'. */
  async runCommand(title: string): Promise<void> {
    await this.palette(title);
    // Enter runs the highlighted row: wait until that is ours, not a fuzzy match above it.
    await this.quickInput.locator('.monaco-list-row.focused', { hasText: title }).waitFor();
    await this.page.keyboard.press('Enter');
  }

  /** Waits for the input box a command opened (by its title) and returns its text field. */
  async inputBox(title: string): Promise<Locator> {
    await this.quickInput.locator('.quick-input-title', { hasText: title }).waitFor();
    return this.quickInputBox;
  }

  /**
   * A row of the Directories tree; `name` matches the label (and description) as a screen reader reads
   * it. A string matches the start only: a group row's name is a sentence that names its directory too
   * ("Group Engineering, 12 members, in Acme Okta"), and must not be taken for the directory's row.
   */
  treeItem(name: string | RegExp): Locator {
    const start = typeof name === 'string' ? new RegExp(`^${literal(name)}`) : name;
    return this.view.getByRole('treeitem', { name: start });
  }

  /** The Directories view's body: tree rows, or the welcome content. */
  get view(): Locator {
    return this.viewBody('Directories');
  }

  /** The Recent Changes view's body. */
  get changesView(): Locator {
    return this.viewBody('Recent Changes');
  }

  /** A view's header in the WorkOS container: its title, its description and its title bar's buttons. */
  viewHeader(view: string): Locator {
    return this.page.locator(`.pane-header[aria-label^="${view}"]`);
  }

  /** A button in a view's title bar (shown always: the run sets workbench.view.alwaysShowHeaderActions). */
  viewButton(name: string, view = 'Directories'): Locator {
    return this.viewHeader(view).getByRole('button', { name, exact: true });
  }

  private viewBody(view: string): Locator {
    return this.page.locator('.pane', { has: this.viewHeader(view) }).locator('.pane-body');
  }

  /** Editor tabs in the (only) editor group. */
  tab(name: string | RegExp): Locator {
    return this.page.locator('.tabs-container').getByRole('tab', { name });
  }

  get tabs(): Locator {
    return this.page.locator('.tabs-container [role="tab"]');
  }

  /** The visible lines of the active editor, as plain text (Monaco renders spaces as U+00A0). */
  async editorText(): Promise<string> {
    const text = await this.page.locator('.editor-group-container.active .monaco-editor .view-lines').innerText();
    return text.replace(/\u00a0/g, ' ');
  }

  toast(text: string | RegExp): Locator {
    return this.page.locator('.notifications-toasts .notification-toast', { hasText: text });
  }

  /** Closes every toast, so later steps and screenshots start clean. */
  async clearToasts(): Promise<void> {
    await this.page.keyboard.press('Escape');
    const toasts = this.page.locator('.notifications-toasts .notification-toast');
    for (let i = await toasts.count(); i > 0; i--) {
      await toasts.first().hover();
      await toasts
        .first()
        .getByRole('button', { name: /Clear Notification/ })
        .click();
    }
  }

  /** A screenshot with no hover tooltip in it: the pointer rests on the empty part of the title bar. */
  async screenshot(file: string): Promise<void> {
    await this.page.mouse.move(1000, 15);
    // Waits (at most 5 s, never failing: it is cosmetic) for a tooltip to fade out after the pointer left,
    // and for the "Activating Extensions…" status and progress badges that follow a page load.
    const shown = (selector: string) => this.page.locator(selector).filter({ visible: true }).count();
    const idle = async () =>
      (await shown('.workbench-hover')) === 0 &&
      (await shown('.part.activitybar .badge')) === 0 &&
      !(await this.page.locator('.part.statusbar').innerText()).includes('Activating Extensions');
    for (let waited = 0; waited < 5000 && !(await idle()); waited += 100)
      await new Promise((resolve) => setTimeout(resolve, 100));
    await this.page.screenshot({ path: file, animations: 'disabled' });
  }
}

/** Polls `check` until it returns true; the failure says what did not happen. */
export async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs)
      throw new Error(`Timed out after ${timeoutMs / 1000} s waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A directory row by its name: its accessible name starts "Directory <name>," (a group's names it later). */
export function directoryRow(name: string): RegExp {
  return new RegExp(`^Directory ${literal(name)},`);
}

export function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
