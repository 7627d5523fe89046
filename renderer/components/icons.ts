/** Stroke icons on a 16×16 grid, as SVG path data: a handful, drawn here rather than pulled in as an icon font. */
export const icons = {
  processes: 'M2.5 2.5h5v3h-5z M8.5 10.5h5v3h-5z M5 5.5v6.5h3.5',
  sockets: 'M2 5.5h10.5 M10 3l2.5 2.5L10 8 M14 10.5H3.5 M6 8l-2.5 2.5L6 13',
  packets: 'M2 3.5h12 M2 6.5h12 M2 9.5h7 M2 12.5h5 M11.5 9.5l2.5 2-2.5 2',
  threads: 'M4 2v12 M8 2v12 M12 2v12 M4 5.5h4 M8 10.5h4',
  http: 'M3.5 1.5h6l3 3v10h-9z M9.5 1.5v3h3 M5.5 8h5 M5.5 10.5h5',
  // An open book: the course.
  course: 'M8 4v10 M8 4C6.5 2.8 4 2.5 1.5 3v10c2.5-.5 5-.2 6.5 1 M8 4c1.5-1.2 4-1.5 6.5-1v10c-2.5-.5-5-.2-6.5 1',
  sun: 'M8 5a3 3 0 1 0 0 6a3 3 0 1 0 0-6z M8 1v2 M8 13v2 M1 8h2 M13 8h2 M3 3l1.4 1.4 M11.6 11.6L13 13 M3 13l1.4-1.4 M11.6 4.4L13 3',
  moon: 'M13 9.5A5.5 5.5 0 0 1 6.5 3a5.5 5.5 0 1 0 6.5 6.5z',
  close: 'M4 4l8 8 M12 4l-8 8',
  caret: 'M6 4l4 4-4 4',
  search: 'M7 2.5a4.5 4.5 0 1 0 0.01 0z M10.3 10.3L14 14',
  expandAll: 'M4 6l4 4 4-4 M4 2.5h8 M4 13.5h8',
  collapseAll: 'M4 10l4-4 4 4 M4 2.5h8 M4 13.5h8',
  pause: 'M5.5 3.5v9 M10.5 3.5v9',
  play: 'M5 3l8 5-8 5z',
  settings: 'M8 5.5a2.5 2.5 0 1 0 0.01 0z M8 1.5v2 M8 12.5v2 M1.5 8h2 M12.5 8h2 M3.4 3.4l1.4 1.4 M11.2 11.2l1.4 1.4 M3.4 12.6l1.4-1.4 M11.2 4.8l1.4-1.4',
  info: 'M8 1.5a6.5 6.5 0 1 0 0.01 0z M8 7v4.5 M8 4.6v.1',
  logo: 'M8 1.5a6.5 6.5 0 1 0 0.01 0z M8 4.5a3.5 3.5 0 1 0 0.01 0z M8 7.2a.8.8 0 1 0 .01 0z',
} as const;

export type IconName = keyof typeof icons;
