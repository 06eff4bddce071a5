import type { Metadata } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Back-office support", template: "%s · Back-office support" },
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="fr">
      <body className="min-h-screen">{children}</body>
    </html>
  );
}
