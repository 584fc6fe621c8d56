/**
 * The toolbox every chart carries: one download (saveAsImage) icon at the top right. Kept apart
 * so the option builders' tests can check that nothing they draw (the today tag) covers it.
 */
export const TOOLBOX_PLACE = { right: 4, top: 0, itemSize: 14, padding: 5 } as const;

export function chartToolbox(label: string, saveTitle: string, background: string) {
  return {
    ...TOOLBOX_PLACE,
    feature: {
      saveAsImage: {
        type: 'png' as const,
        title: saveTitle,
        name: label,
        pixelRatio: 2,
        // The chart itself is transparent (it sits on the page): give the file the page's colour.
        backgroundColor: background,
      },
    },
  };
}
