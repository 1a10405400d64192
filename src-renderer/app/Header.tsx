/** The title bar: the product name and the language menu (system language, English, Nederlands). */
import { Menu, MenuButton, MenuItemRadio, MenuList, MenuPopover, MenuTrigger, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useTranslation } from 'react-i18next';
import { useApi } from './api-context.ts';
import { chooseLanguage } from './actions.ts';
import { useSettingsStore } from '../stores/settings.ts';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    paddingBlock: tokens.spacingVerticalS,
    paddingInline: tokens.spacingHorizontalL,
    backgroundColor: tokens.colorBrandBackground,
    color: tokens.colorNeutralForegroundOnBrand,
  },
  title: { flexGrow: 1, margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  menuButton: { color: tokens.colorNeutralForegroundOnBrand },
});

export function Header() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const styles = useStyles();
  const saved = useSettingsStore((s) => s.settings.language);
  const choice = saved ?? 'system';
  const names: Record<string, string> = { system: t('language.system'), en: 'English', nl: 'Nederlands' };
  return (
    <header className={styles.root}>
      <Text as="h1" className={styles.title}>
        {t('app.title')}
      </Text>
      <Menu
        checkedValues={{ language: [choice] }}
        onCheckedValueChange={(_, d) => {
          const value = d.checkedItems[0];
          if (value === 'system' || value === 'en' || value === 'nl') void chooseLanguage(api, i18n, value);
        }}
      >
        <MenuTrigger disableButtonEnhancement>
          <MenuButton appearance="transparent" className={styles.menuButton} aria-label={t('language.menu', { language: names[choice] })}>
            {names[choice]}
          </MenuButton>
        </MenuTrigger>
        <MenuPopover>
          <MenuList>
            <MenuItemRadio name="language" value="system">
              {names.system}
            </MenuItemRadio>
            <MenuItemRadio name="language" value="en" lang="en">
              English
            </MenuItemRadio>
            <MenuItemRadio name="language" value="nl" lang="nl">
              Nederlands
            </MenuItemRadio>
          </MenuList>
        </MenuPopover>
      </Menu>
    </header>
  );
}
