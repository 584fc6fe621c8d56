/**
 * i18next with the two locales. Chinese first: the app follows the system language (Electron's
 * navigator.language is the OS locale) and falls back to English for anything not Chinese; the
 * user's own choice, once made, is remembered.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resourcesFor } from './resources';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'language';

export function systemLanguage(
  languages: readonly string[] = navigator.languages ?? [navigator.language],
): Language {
  return languages.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}

export function initialLanguage(): Language {
  const saved = localStorage.getItem(STORAGE_KEY);
  return (LANGUAGES as readonly string[]).includes(saved ?? '') ? (saved as Language) : systemLanguage();
}

export function setLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
  void i18next.changeLanguage(language);
  document.documentElement.lang = language;
}

export function initI18n(): typeof i18next {
  const lng = initialLanguage();
  document.documentElement.lang = lng;
  void i18next.use(initReactI18next).init({
    resources: {
      'zh-CN': { translation: resourcesFor('zh-CN') },
      en: { translation: resourcesFor('en') },
    },
    lng,
    fallbackLng: 'en',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  return i18next;
}
