export function PageHead({ title, subtitle, children }: { title: string; subtitle?: React.ReactNode; children?: React.ReactNode }) {
  return (
    <header className="page-head">
      <div>
        <h1>{title}</h1>
        {subtitle ? <p className="muted" style={{ margin: "4px 0 0" }}>{subtitle}</p> : null}
      </div>
      {children}
    </header>
  );
}
