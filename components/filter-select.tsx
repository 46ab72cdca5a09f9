"use client";

// A client component though it has no state: its options (a catalog's hundreds of jobs and batches) then
// travel as one array of data rather than as elements, which React's Flight renderer would split into a
// lazy chunk per option past its first 3,200 bytes (facebook/react#35125).

/** One labelled select of a GET filter form; "" means no filter. */
export function FilterSelect({ id, label, name, value, anyLabel, options }: {
  id: string;
  label: string;
  name: string;
  value: string | undefined;
  anyLabel: string;
  options: readonly { value: string; label: string }[];
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value ?? ""}>
        <option value="">{anyLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>{o.label}</option>
        ))}
      </select>
    </div>
  );
}
