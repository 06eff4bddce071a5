export const metadata = { title: "Tableau de bord" };

export default function AdminDashboardPage() {
  return (
    <main>
      <h1 className="text-2xl font-semibold">Tableau de bord support</h1>
    </main>
  );
}
