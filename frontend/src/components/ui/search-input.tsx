import { useEffect, useId, useState } from 'react';

import { Input } from './input';

interface SearchInputProps {
  label: string;
  value: string;
  onSearch: (value: string) => void;
  placeholder?: string;
  /** Waits this long after the last key before searching. */
  delayMs?: number;
}

/** A labelled search box that searches as the person types, without a request per key. */
export function SearchInput({ label, value, onSearch, placeholder, delayMs = 300 }: SearchInputProps) {
  const id = useId();
  const [text, setText] = useState(value);
  const [lastValue, setLastValue] = useState(value);
  if (value !== lastValue) {
    // The URL changed (back button, reset): show what it says.
    setLastValue(value);
    setText(value);
  }

  useEffect(() => {
    if (text.trim() === value) return undefined;
    const timer = window.setTimeout(() => onSearch(text.trim()), delayMs);
    return () => window.clearTimeout(timer);
  }, [text, value, onSearch, delayMs]);

  return (
    <div className="space-y-1.5">
      <label htmlFor={id} className="block text-sm font-medium text-slate-800 dark:text-slate-200">
        {label}
      </label>
      <Input
        id={id}
        type="search"
        value={text}
        placeholder={placeholder}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') onSearch(text.trim());
        }}
      />
    </div>
  );
}
