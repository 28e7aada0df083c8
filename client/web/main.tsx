import { Provider } from '@urql/solid';
import { render } from 'solid-js/web';
import { App } from './App.js';
import { client } from './data/client.js';
import './styles.css';

performance.mark('trackline:start');
render(
  () => (
    <Provider value={client}>
      <App />
    </Provider>
  ),
  document.getElementById('root') as HTMLElement,
);
