/**
 * Opens one of the extension's webview pages beside the editor without taking focus: scripts
 * on, kept alive while hidden, loading only from dist/ (where its bundled script and stylesheet
 * are), with the page shell of webviewHtml.ts.
 */
import * as vscode from 'vscode';
import type { PageAssets } from './webviewHtml';

export interface PageSpec {
  viewType: string;
  title: string;
  /** Base name of dist/<bundle>.js and dist/<bundle>.css. */
  bundle: string;
  html(a: PageAssets): string;
}

export function openPage(extensionUri: vscode.Uri, spec: PageSpec): vscode.WebviewPanel {
  const root = vscode.Uri.joinPath(extensionUri, 'dist');
  const panel = vscode.window.createWebviewPanel(
    spec.viewType,
    spec.title,
    { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
    { enableScripts: true, retainContextWhenHidden: true, localResourceRoots: [root] },
  );
  panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'icon.png');
  const wv = panel.webview;
  wv.html = spec.html({
    scriptUri: wv.asWebviewUri(vscode.Uri.joinPath(root, `${spec.bundle}.js`)).toString(),
    styleUri: wv.asWebviewUri(vscode.Uri.joinPath(root, `${spec.bundle}.css`)).toString(),
    cspSource: wv.cspSource,
  });
  return panel;
}
