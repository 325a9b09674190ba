import { render } from 'preact';
import { Settings } from '@/components/settings/Settings';
import { settingsApi } from './api';
import '../popup/style.css';
import './style.css';

render(<Settings api={settingsApi()} />, document.getElementById('app')!);
