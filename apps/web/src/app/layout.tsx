import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import './global.css';

export const metadata: Metadata = {
  title: { default: 'shipshape', template: '%s · shipshape' },
  description: 'A Next.js + Supabase app guarded by the shipshape pipeline.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <a className="skip-link" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <nav aria-label="Main">
            <a className="brand" href="/">
              shipshape
            </a>
            <ul>
              <li>
                <a href="/status">Status</a>
              </li>
              <li>
                <a href="/api/health">Health JSON</a>
              </li>
            </ul>
          </nav>
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <p>Checks run on the server at every request.</p>
        </footer>
      </body>
    </html>
  );
}
