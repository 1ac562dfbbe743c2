// A button that opens a menu of actions (WAI-ARIA menu button): Enter, Space or ↓ opens it
// on the first item, ↑/↓/Home/End move, Enter picks, Escape or Tab closes and returns focus.

import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { Icon } from './icon.tsx';
import './menu-button.css';

export interface MenuItem {
  id: string;
  label: string;
  onSelect(): void;
  disabled?: boolean;
}

export interface MenuButtonProps {
  label: string;
  items: readonly MenuItem[];
  className?: string;
  /** Where the menu opens relative to the button. */
  align?: 'start' | 'end';
}

export function MenuButton({ label, items, className = 'button', align = 'end' }: MenuButtonProps) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);
  const root = useRef<HTMLDivElement>(null);
  const id = useId();
  const enabled = items.map((it, i) => (it.disabled ? -1 : i)).filter((i) => i >= 0);

  useEffect(() => {
    if (!open) return;
    (menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]')[active] ?? menu.current)?.focus();
  }, [open, active]);

  useEffect(() => {
    if (!open) return;
    const away = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', away);
    return () => document.removeEventListener('pointerdown', away);
  }, [open]);

  const close = (refocus = true) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };
  const openAt = (index: number) => {
    setActive(index);
    setOpen(true);
  };
  const move = (delta: number) => {
    const at = enabled.indexOf(active);
    const next = enabled[(at + delta + enabled.length) % enabled.length];
    if (next !== undefined) setActive(next);
  };
  const pick = (item: MenuItem | undefined) => {
    if (!item || item.disabled) return;
    close();
    item.onSelect();
  };

  const onButtonKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown' || e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      openAt(enabled[0] ?? 0);
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      openAt(enabled[enabled.length - 1] ?? 0);
    }
  };
  const onMenuKey = (e: KeyboardEvent) => {
    switch (e.key) {
      case 'Tab':
        close(false);
        return;
      case 'ArrowDown':
        move(1);
        break;
      case 'ArrowUp':
        move(-1);
        break;
      case 'Home':
        setActive(enabled[0] ?? 0);
        break;
      case 'End':
        setActive(enabled[enabled.length - 1] ?? 0);
        break;
      case 'Escape':
        close();
        break;
      case 'Enter':
      case ' ':
        pick(items[active]);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  return (
    <div className="menu-button" ref={root}>
      <button
        ref={button}
        type="button"
        className={className}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        onClick={() => (open ? close() : openAt(enabled[0] ?? 0))}
        onKeyDown={onButtonKey}
      >
        {label} <Icon name="menu" size={14} />
      </button>
      {open && (
        <div
          ref={menu}
          id={`${id}-menu`}
          role="menu"
          aria-label={label}
          className={`menu menu-${align}`}
          tabIndex={-1}
          onKeyDown={onMenuKey}
        >
          {items.map((item, i) => (
            <div
              key={item.id}
              role="menuitem"
              tabIndex={i === active ? 0 : -1}
              aria-disabled={item.disabled || undefined}
              className="menu-item"
              onClick={() => pick(item)}
              onKeyDown={() => undefined}
              onPointerEnter={() => !item.disabled && setActive(i)}
            >
              {item.label}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
