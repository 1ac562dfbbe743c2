// The app's one icon set (Lucide, as SVG), named for what an icon means here rather than for
// its drawing, so a screen asks for "warning" and every warning looks the same. Icons are
// decoration beside words, hidden from screen readers: a control that shows only an icon
// carries its name itself (aria-label, or words kept for screen readers).

import {
  ArrowDown,
  ArrowUp,
  Ban,
  BookUser,
  Check,
  ChevronDown,
  ChevronLeft,
  ChevronRight,
  Circle,
  CircleAlert,
  Copy,
  FileDown,
  GripVertical,
  Info,
  type LucideIcon,
  Maximize,
  Minus,
  MoveHorizontal,
  Plus,
  RefreshCw,
  RotateCw,
  ScanLine,
  Send,
  Settings,
  SquarePen,
  Star,
  TriangleAlert,
  Upload,
  X,
} from 'lucide-react';

const ICONS = {
  compose: SquarePen,
  outbox: Send,
  contacts: BookUser,
  settings: Settings,
  warning: TriangleAlert,
  alert: CircleAlert,
  check: Check,
  /** A failure or a refusal (a close button uses `close`: the same drawing, another meaning). */
  fail: X,
  close: X,
  remove: X,
  up: ArrowUp,
  down: ArrowDown,
  previous: ChevronLeft,
  next: ChevronRight,
  expand: ChevronRight,
  collapse: ChevronDown,
  menu: ChevronDown,
  refresh: RefreshCw,
  redial: RotateCw,
  star: Star,
  grip: GripVertical,
  drop: FileDown,
  upload: Upload,
  add: Plus,
  skipped: Minus,
  canceled: Ban,
  duplicate: Copy,
  info: Info,
  'fax-view': ScanLine,
  'fit-width': MoveHorizontal,
  'fit-page': Maximize,
  dot: Circle,
} satisfies Record<string, LucideIcon>;

export type IconName = keyof typeof ICONS;

export interface IconProps {
  name: IconName;
  /** CSS pixels; the default follows a 14 px text line. */
  size?: number;
  /** Filled shape (a set favourite star, a status dot). */
  filled?: boolean;
  className?: string;
}

export function Icon({ name, size = 16, filled = false, className }: IconProps) {
  const Drawing = ICONS[name];
  return (
    <Drawing
      size={size}
      strokeWidth={2}
      fill={filled ? 'currentColor' : 'none'}
      className={`icon icon-${name}${className ? ` ${className}` : ''}`}
      aria-hidden
      focusable="false"
      data-icon={name}
    />
  );
}
