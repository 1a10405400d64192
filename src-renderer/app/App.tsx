/** The root: Fluent (webLightTheme), i18next, the window's API, and the wizard. */
import { useEffect } from 'react';
import { FluentProvider, makeStyles, webLightTheme } from '@fluentui/react-components';
import { I18nextProvider } from 'react-i18next';
import type { i18n as I18n } from 'i18next';
import type { WindowApi } from '../../src-shared/ipc/contract.ts';
import { ApiContext } from './api-context.ts';
import { bootstrap } from './actions.ts';
import { Header } from './Header.tsx';
import { Wizard } from './Wizard.tsx';
import { languageOf } from '../i18n/index.ts';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', height: '100%', minHeight: '100vh' },
});

export interface AppProps {
  api: WindowApi;
  i18n: I18n;
}

export function App({ api, i18n }: AppProps) {
  const styles = useStyles();
  useEffect(() => bootstrap(api, i18n), [api, i18n]);
  useEffect(() => {
    const apply = (): void => {
      document.documentElement.lang = languageOf(i18n);
      document.title = i18n.t('app.title');
    };
    apply();
    i18n.on('languageChanged', apply);
    return () => i18n.off('languageChanged', apply);
  }, [i18n]);
  return (
    <ApiContext.Provider value={api}>
      <I18nextProvider i18n={i18n}>
        <FluentProvider theme={webLightTheme} className={styles.root}>
          <Header />
          <Wizard />
        </FluentProvider>
      </I18nextProvider>
    </ApiContext.Provider>
  );
}
