/** A secret the server hands over once (a webhook's signing secret, an API key): copy it now, it is not shown again. */
export function ShownOnce({ notice, value, testId }: { notice: string; value: string; testId: string }) {
  return (
    <div role="status" className="mt-3 rounded border border-amber-300 bg-amber-50 p-3 text-sm">
      <p className="font-medium">{notice}</p>
      <code data-testid={testId} className="mt-1 block font-mono break-all">
        {value}
      </code>
    </div>
  );
}
