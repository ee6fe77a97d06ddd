/**
 * Read-only documents of the `asp-target:` scheme: the deployed definition of a processor and
 * the file's create body, as the local instance printed them for a deploy plan, so VS Code's
 * diff view can show one against the other.
 */
import * as vscode from 'vscode';

export const DEPLOYED_SCHEME = 'asp-target';

export class DeployedDocs implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  /** Keep `text` at `asp-target:/<target>/<file>` and return its uri. */
  put(target: string, file: string, text: string): vscode.Uri {
    const uri = vscode.Uri.from({ scheme: DEPLOYED_SCHEME, path: `/${target}/${file}` });
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
    return uri;
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }

  dispose(): void {
    this.changed.dispose();
  }
}
