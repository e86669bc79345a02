<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
  <context>
    <name>ActivitiesPage</name>
    <message>
      <location filename="../schooldesk/ui/pages/activities.py" line="45" />
      <source>&amp;Activities</source>
      <translation>活动记录(&amp;A)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/activities.py" line="46" />
      <source>&amp;Home visits</source>
      <translation>家访统计(&amp;H)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/activities.py" line="61" />
      <source>Date</source>
      <translation>日期</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/activities.py" line="62" />
      <source>Kind</source>
      <translation>类别</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/activities.py" line="62" />
      <source> (persuade-to-return)</source>
      <translation>（劝返）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/activities.py" line="63" />
      <source>Title</source>
      <translation>活动名称</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/activities.py" line="64" />
      <source>Organiser</source>
      <translation>组织者</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/activities.py" line="65" />
      <source>Taking part</source>
      <translation>参加人员</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/activities.py" line="66" />
      <source>Pupils</source>
      <translation>学生</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/activities.py" line="67" />
      <source>Photos</source>
      <translation>照片</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/activities.py" line="68" />
      <source>What was done</source>
      <translation>活动内容</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/activities.py" line="70" />
      <source>Blank home-&amp;visit form…</source>
      <translation>空白家访表(&amp;V)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/activities.py" line="71" />
      <source>Semester &amp;summary…</source>
      <translation>学期汇总(&amp;S)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/activities.py" line="72" />
      <source>E&amp;xcel…</source>
      <translation>导出Excel(&amp;X)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/activities.py" line="74" />
      <source>Kind:</source>
      <translation>类别：</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/activities.py" line="74" />
      <source>Teacher:</source>
      <translation>教师：</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/activities.py" line="75" />
      <source>Class:</source>
      <translation>班级：</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/activities.py" line="75" />
      <source>Pupil:</source>
      <translation>学生：</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/activities.py" line="84" />
      <source>Pupil</source>
      <translation>学生</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/activities.py" line="84" />
      <source>Class</source>
      <translation>班级</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/activities.py" line="85" />
      <source>Responsible teacher</source>
      <translation>包保责任人</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/activities.py" line="86" />
      <location filename="../schooldesk/ui/pages/activities.py" line="90" />
      <source>Visits / required</source>
      <translation>已家访/要求</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/activities.py" line="89" />
      <source>Teacher</source>
      <translation>教师</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/activities.py" line="110" />
      <source>No semester has been set up.</source>
      <translation>尚未设置学期。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/activities.py" line="141" />
      <source>Activity records, %1: %2 shown</source>
      <translation>活动记录，%1：显示 %2 条</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/activities.py" line="155" />
      <source>Left-behind children: %1, of whom %2 not yet visited by their responsible teacher this semester and %3 behind the target of %4 visits.</source>
      <translation>留守儿童 %1 人，其中本学期责任教师尚未家访 %2 人，未达到每学期 %4 次要求 %3 人。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/activities.py" line="176" />
      <source>Delete “%1” of %2?</source>
      <translation>删除 %2 的“%1”吗？</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/activities.py" line="178" />
      <source>It is also a persuade-to-return visit of a dropout case, which goes with it.</source>
      <translation>它同时是一条劝返记录，将一并删除。</translation>
    </message>
  </context>
  <context>
    <name>ActivityDialog</name>
    <message>
      <location filename="../schooldesk/ui/dialogs/activity_dialog.py" line="37" />
      <source>Edit activity</source>
      <translation>修改活动记录</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/activity_dialog.py" line="37" />
      <source>New activity</source>
      <translation>新建活动记录</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/activity_dialog.py" line="47" />
      <source>&amp;Kind</source>
      <translation>类别(&amp;K)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/activity_dialog.py" line="48" />
      <source>&amp;Title</source>
      <translation>活动名称(&amp;T)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/activity_dialog.py" line="49" />
      <source>&amp;Date</source>
      <translation>日期(&amp;D)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/activity_dialog.py" line="50" />
      <source>from</source>
      <translation>时间</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/activity_dialog.py" line="60" />
      <source>Ti&amp;me</source>
      <translation>时间(&amp;M)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/activity_dialog.py" line="61" />
      <source>&amp;Place</source>
      <translation>地点(&amp;P)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/activity_dialog.py" line="63" />
      <source>&amp;Organiser</source>
      <translation>组织者(&amp;O)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/activity_dialog.py" line="65" />
      <source>Teachers taking pa&amp;rt</source>
      <translation>参加教师(&amp;R)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/activity_dialog.py" line="67" />
      <source>P&amp;upils</source>
      <translation>学生(&amp;U)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/activity_dialog.py" line="70" />
      <source>Others taking part</source>
      <translation>其他参加人员</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/activity_dialog.py" line="71" />
      <source>e.g. 村干部 张三、网格员 李四</source>
      <translation>例如：村干部 张三、网格员 李四</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/activity_dialog.py" line="72" />
      <source>Details</source>
      <translation>详情</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/activity_dialog.py" line="73" />
      <source>&amp;What was done</source>
      <translation>活动内容(&amp;W)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/activity_dialog.py" line="74" />
      <source>Outcome and re&amp;flection</source>
      <translation>效果与反思(&amp;F)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/activity_dialog.py" line="77" />
      <source>Also a persuade-to-return &amp;visit</source>
      <translation>同时作为劝返记录(&amp;V)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/activity_dialog.py" line="78" />
      <source>&amp;Evidence photos</source>
      <translation>佐证照片(&amp;E)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/activity_dialog.py" line="104" />
      <source>(no)</source>
      <translation>（否）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/activity_dialog.py" line="111" />
      <source>%1's case since %2</source>
      <translation>%1（%2 起的辍学案例）</translation>
    </message>
  </context>
  <context>
    <name>ActivityKindsDialog</name>
    <message>
      <location filename="../schooldesk/ui/dialogs/activity_kinds_dialog.py" line="26" />
      <source>Kinds of activity</source>
      <translation>活动类别</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/activity_kinds_dialog.py" line="34" />
      <source>Field</source>
      <translation>字段</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/activity_kinds_dialog.py" line="34" />
      <location filename="../schooldesk/ui/dialogs/activity_kinds_dialog.py" line="57" />
      <source>Type</source>
      <translation>类型</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/activity_kinds_dialog.py" line="34" />
      <location filename="../schooldesk/ui/dialogs/activity_kinds_dialog.py" line="58" />
      <source>Options</source>
      <translation>选项</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/activity_kinds_dialog.py" line="34" />
      <source>Shown</source>
      <translation>显示</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/activity_kinds_dialog.py" line="40" />
      <source>e.g. 研学旅行</source>
      <translation>例如：研学旅行</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/activity_kinds_dialog.py" line="41" />
      <source>Add kind</source>
      <translation>添加类别</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/activity_kinds_dialog.py" line="42" />
      <source>Hide / show kind</source>
      <translation>停用/启用类别</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/activity_kinds_dialog.py" line="48" />
      <source>options, separated by 、</source>
      <translation>选项，用“、”分隔</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/activity_kinds_dialog.py" line="49" />
      <source>Add field</source>
      <translation>添加字段</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/activity_kinds_dialog.py" line="50" />
      <source>Hide / show field</source>
      <translation>停用/启用字段</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/activity_kinds_dialog.py" line="54" />
      <source>New field</source>
      <translation>新字段</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/activity_kinds_dialog.py" line="56" />
      <source>Label</source>
      <translation>名称</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/activity_kinds_dialog.py" line="88" />
      <source> (hidden)</source>
      <translation>（已停用）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/activity_kinds_dialog.py" line="106" />
      <source>hidden</source>
      <translation>已停用</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/activity_kinds_dialog.py" line="106" />
      <source>shown</source>
      <translation>显示</translation>
    </message>
  </context>
  <context>
    <name>ActivityRulesBox</name>
    <message>
      <location filename="../schooldesk/ui/pages/activity_rules_box.py" line="20" />
      <source>Activity records</source>
      <translation>活动记录</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/activity_rules_box.py" line="31" />
      <source>no target</source>
      <translation>不要求</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/activity_rules_box.py" line="32" />
      <source> a semester</source>
      <translation> 次/学期</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/activity_rules_box.py" line="34" />
      <source>Save home-visit targets</source>
      <translation>保存家访要求</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/activity_rules_box.py" line="37" />
      <source>Kinds and fields…</source>
      <translation>活动类别与字段…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/activity_rules_box.py" line="39" />
      <source>Frequency targets…</source>
      <translation>活动频次要求…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/activity_rules_box.py" line="42" />
      <source>Calendar of what is due…</source>
      <translation>报送日程…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/activity_rules_box.py" line="46" />
      <source>Visits to each left-behind child</source>
      <translation>每名留守儿童家访</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/activity_rules_box.py" line="47" />
      <source>Home visits by each teacher</source>
      <translation>每位教师家访</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/activity_rules_box.py" line="48" />
      <source>In force from</source>
      <translation>生效日期</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/activity_rules_box.py" line="77" />
      <source>Home-visit targets saved; they hold from %1.</source>
      <translation>家访要求已保存，自 %1 起执行。</translation>
    </message>
  </context>
  <context>
    <name>AdminPage</name>
    <message>
      <location filename="../schooldesk/ui/setup_wizard.py" line="75" />
      <source>Administrator</source>
      <translation>管理员</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/setup_wizard.py" line="76" />
      <source>The first account. It can add other users and change settings.</source>
      <translation>第一个账户，可添加其他用户并修改设置。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/setup_wizard.py" line="78" />
      <source>&amp;User name</source>
      <translation>用户名(&amp;U)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/setup_wizard.py" line="81" />
      <source>&amp;Password</source>
      <translation>密码(&amp;P)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/setup_wizard.py" line="82" />
      <source>&amp;Repeat password</source>
      <translation>再次输入密码(&amp;R)</translation>
    </message>
  </context>
  <context>
    <name>AgreementTemplateDialog</name>
    <message>
      <location filename="../schooldesk/ui/pages/mentorship_rules_box.py" line="27" />
      <source>Agreement wording</source>
      <translation>协议书文字</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/mentorship_rules_box.py" line="30" />
      <source>&amp;Wording</source>
      <translation>文字(&amp;W)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/mentorship_rules_box.py" line="33" />
      <source>Placeholders: %1</source>
      <translation>可用的占位符：%1</translation>
    </message>
  </context>
  <context>
    <name>AssessmentDialog</name>
    <message>
      <location filename="../schooldesk/ui/dialogs/mentorship_dialogs.py" line="103" />
      <source>Year-end assessment — %1</source>
      <translation>学年考核 — %1</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/mentorship_dialogs.py" line="108" />
      <source>This year so far</source>
      <translation>本学年完成情况</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/mentorship_dialogs.py" line="108" />
      <source>nothing counted yet</source>
      <translation>尚无可计的记录</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/mentorship_dialogs.py" line="110" />
      <source>Scores</source>
      <translation>评分</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/mentorship_dialogs.py" line="112" />
      <source>&amp;Date</source>
      <translation>日期(&amp;D)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/mentorship_dialogs.py" line="113" />
      <source>C&amp;omments</source>
      <translation>考核意见(&amp;O)</translation>
    </message>
  </context>
  <context>
    <name>AuditDialog</name>
    <message>
      <location filename="../schooldesk/ui/audit_dialog.py" line="31" />
      <source>Audit trail</source>
      <translation>审计日志</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/audit_dialog.py" line="40" />
      <source>all records</source>
      <translation>全部记录</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/audit_dialog.py" line="44" />
      <source>name or value</source>
      <translation>姓名或内容</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/audit_dialog.py" line="46" />
      <source>Export to Excel…</source>
      <translation>导出 Excel…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/audit_dialog.py" line="49" />
      <source>When</source>
      <translation>时间</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/audit_dialog.py" line="50" />
      <location filename="../schooldesk/ui/audit_dialog.py" line="57" />
      <source>User</source>
      <translation>用户</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/audit_dialog.py" line="51" />
      <source>Action</source>
      <translation>操作</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/audit_dialog.py" line="52" />
      <location filename="../schooldesk/ui/audit_dialog.py" line="58" />
      <source>Record</source>
      <translation>记录</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/audit_dialog.py" line="53" />
      <source>Changes</source>
      <translation>修改内容</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/audit_dialog.py" line="57" />
      <source>From</source>
      <translation>开始</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/audit_dialog.py" line="57" />
      <source>Until</source>
      <translation>结束</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/audit_dialog.py" line="58" />
      <source>Find</source>
      <translation>查找</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/audit_dialog.py" line="90" />
      <source>everyone</source>
      <translation>全部用户</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/audit_dialog.py" line="106" />
      <source>%1 entries</source>
      <translation>共 %1 条</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/audit_dialog.py" line="109" />
      <source>Export the audit trail</source>
      <translation>导出审计日志</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/audit_dialog.py" line="109" />
      <source>Excel workbook (*.xlsx)</source>
      <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/audit_dialog.py" line="120" />
      <source>system (set-up, command line)</source>
      <translation>系统（初始设置、命令行）</translation>
    </message>
  </context>
  <context>
    <name>Background</name>
    <message>
      <location filename="../schooldesk/ui/background.py" line="103" />
      <source>Cancel</source>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/background.py" line="106" />
      <source>Stopping; nothing of this run is kept…</source>
      <translation>正在停止，本次操作不会保留任何内容…</translation>
    </message>
  </context>
  <context>
    <name>BackupsBox</name>
    <message>
      <location filename="../schooldesk/ui/pages/backups_box.py" line="20" />
      <source>other</source>
      <translation>其他</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/backups_box.py" line="22" />
      <source>by hand</source>
      <translation>手动</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/backups_box.py" line="23" />
      <source>on closing</source>
      <translation>关闭时</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/backups_box.py" line="24" />
      <source>daily</source>
      <translation>每日</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/backups_box.py" line="25" />
      <source>before an upgrade</source>
      <translation>升级前</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/backups_box.py" line="26" />
      <source>before a restore</source>
      <translation>恢复前</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/backups_box.py" line="27" />
      <source>before an import</source>
      <translation>导入前</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/backups_box.py" line="28" />
      <source>before a new school year</source>
      <translation>新学年前</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/backups_box.py" line="39" />
      <source>Backups</source>
      <translation>备份</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/backups_box.py" line="42" />
      <source>Taken</source>
      <translation>备份时间</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/backups_box.py" line="43" />
      <source>Why</source>
      <translation>原因</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/backups_box.py" line="44" />
      <source>Size</source>
      <translation>大小</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/backups_box.py" line="48" />
      <source>Back up now</source>
      <translation>立即备份</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/backups_box.py" line="49" />
      <source>Back up to USB stick…</source>
      <translation>备份到U盘…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/backups_box.py" line="50" />
      <source>Restore…</source>
      <translation>恢复…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/backups_box.py" line="74" />
      <source>Backing up and checking the copy…</source>
      <translation>正在备份并校验副本…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/backups_box.py" line="81" />
      <source>Backup written and verified: %1</source>
      <translation>备份已写入并校验：%1</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/backups_box.py" line="86" />
      <source>Choose the USB stick or folder</source>
      <translation>选择U盘或文件夹</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/backups_box.py" line="93" />
      <source>Back up to a USB stick</source>
      <translation>备份到U盘</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/backups_box.py" line="94" />
      <source>Password to seal the backup (at least 8 characters; leave empty for none).
Write it down: without it the backup cannot be opened.</source>
      <translation>为备份设置加密密码（至少 8 个字符；留空则不加密）。
请记下密码：没有它将无法打开这份备份。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/backups_box.py" line="104" />
      <location filename="../schooldesk/ui/pages/backups_box.py" line="109" />
      <source>Restore</source>
      <translation>恢复</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/backups_box.py" line="104" />
      <source>Choose a backup in the list first.</source>
      <translation>请先在列表中选择一个备份。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/backups_box.py" line="106" />
      <source>Replace all current data with the backup taken %1?

The current data is backed up first, so this can be undone.</source>
      <translation>用 %1 的备份替换当前全部数据吗？

替换前会先备份当前数据，可以撤销。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/backups_box.py" line="115" />
      <source>Restoring the backup…</source>
      <translation>正在恢复备份…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/backups_box.py" line="119" />
      <source>Backup restored.</source>
      <translation>备份已恢复。</translation>
    </message>
  </context>
  <context>
    <name>Bundle</name>
    <message>
      <location filename="../schooldesk/services/bundle.py" line="26" />
      <source>%1: 送教上门 in %2 short of the rule</source>
      <translation>%1：%2送教上门未达到要求</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/bundle.py" line="27" />
      <source>%1: 送教上门 visit of %2 has no photo</source>
      <translation>%1：%2的送教记录没有照片</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/bundle.py" line="28" />
      <source>%1: support record overdue since %2</source>
      <translation>%1：帮扶记录自 %2 起逾期</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/bundle.py" line="29" />
      <source>Observation of %1's lesson “%2” on %3 has no scores</source>
      <translation>%1老师《%2》（%3）的听课记录未评分</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/bundle.py" line="30" />
      <source>Mentoring pair %1 is behind its targets (%2)</source>
      <translation>师徒结对%1未达到目标（%2）</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/bundle.py" line="31" />
      <source>%1 (left-behind) not yet visited by %2</source>
      <translation>%1（留守儿童）尚未由%2家访</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/bundle.py" line="32" />
      <source>%1 left-behind children have no responsible teacher (包保责任人) to visit them: %2</source>
      <translation>%1名留守儿童没有包保责任人，无人负责家访：%2</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/bundle.py" line="34" />
      <source>%1 (left-behind): the register prints 未填 for %2</source>
      <translation>%1（留守儿童）：台账中%2未填</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/bundle.py" line="35" />
      <source>%1 children of the villages are still 待核实 (where they are is not known): %2</source>
      <translation>%1名适龄儿童去向待核实：%2</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/bundle.py" line="37" />
      <source>%1 children studying elsewhere (本在外) have no proof: %2</source>
      <translation>%1名本在外儿童没有证明：%2</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/bundle.py" line="38" />
      <source>%1: %2 of %3 held (%4)</source>
      <translation>%1：已开展%2次，要求%3次（%4）</translation>
    </message>
  </context>
  <context>
    <name>Care</name>
    <message>
      <location filename="../schooldesk/domain/care.py" line="42" />
      <source>Notes</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/care.py" line="47" />
      <source>Parents away</source>
      <translation>外出情况</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/care.py" line="48" />
      <source>Where the father works</source>
      <translation>父亲务工地点</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/care.py" line="49" />
      <source>Father's phone</source>
      <translation>父亲电话</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/care.py" line="50" />
      <source>Where the mother works</source>
      <translation>母亲务工地点</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/care.py" line="51" />
      <source>Mother's phone</source>
      <translation>母亲电话</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/care.py" line="52" />
      <source>Who looks after the child (entrusted guardian)</source>
      <translation>委托监护人（实际照看人）</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/care.py" line="53" />
      <source>Carer's relation to the child</source>
      <translation>委托监护人与儿童关系</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/care.py" line="54" />
      <source>Carer's phone</source>
      <translation>委托监护人电话</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/care.py" line="55" />
      <source>Kind of guardianship</source>
      <translation>监护类型</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/care.py" line="56" />
      <source>Where the parents work</source>
      <translation>父母务工地点</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/care.py" line="57" />
      <source>How often the parents call</source>
      <translation>与父母联系频率</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/care.py" line="61" />
      <source>Disability type</source>
      <translation>残疾类别</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/care.py" line="62" />
      <source>Disability grade</source>
      <translation>残疾等级</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/care.py" line="63" />
      <source>Disability certificate number</source>
      <translation>残疾证号</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/care.py" line="64" />
      <source>Placement</source>
      <translation>安置方式</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/care.py" line="67" />
      <source>Subjects</source>
      <translation>任教学科</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/care.py" line="68" />
      <source>Causes</source>
      <translation>学困原因</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/care.py" line="71" />
      <source>Kind of hardship</source>
      <translation>困难类型</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/care.py" line="72" />
      <source>Aid received</source>
      <translation>已获资助</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/care.py" line="78" />
      <source>Situation</source>
      <translation>情况</translation>
    </message>
  </context>
  <context>
    <name>CareDialog</name>
    <message>
      <location filename="../schooldesk/ui/dialogs/care_dialog.py" line="22" />
      <source>Care category</source>
      <translation>关爱类别</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/care_dialog.py" line="26" />
      <source>&amp;Category</source>
      <translation>类别(&amp;C)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/care_dialog.py" line="29" />
      <source>&amp;From</source>
      <translation>开始日期(&amp;F)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/care_dialog.py" line="30" />
      <source>&amp;Until</source>
      <translation>结束日期(&amp;U)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/care_dialog.py" line="31" />
      <source>&amp;Responsible teacher</source>
      <translation>包保责任人(&amp;R)</translation>
    </message>
  </context>
  <context>
    <name>CatchmentImportDialog</name>
    <message>
      <location filename="../schooldesk/ui/catchment_import_dialog.py" line="20" />
      <source>Import the villages' list of children</source>
      <translation>导入辖区儿童名单</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/catchment_import_dialog.py" line="21" />
      <source>Choose the 户籍 list the village committee or the police station gave (.xlsx or .xls), with columns such as %1. A row whose ID number is wrong or blank is kept and flagged 信息错误待更正.</source>
      <translation>请选择村委会或派出所提供的户籍儿童名单（.xlsx 或 .xls），列如：%1。身份证号错误或为空的行会保留，并标记为“信息错误待更正”。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/catchment_import_dialog.py" line="38" />
      <source>Matched to the register by ID number: %1; by name and birth date (to confirm): %2; not on the register (to verify): %3; outside compulsory age (kept apart): %4; ID number wrong or blank (flagged): %5.</source>
      <translation>身份证号匹配：%1；姓名+出生日期匹配（待确认）：%2；不在本校名册（待核实）：%3；不在义务教育年龄（单列）：%4；身份证号错误或为空（已标记）：%5。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/catchment_import_dialog.py" line="47" />
      <source>&amp;Import %1 children</source>
      <translation>导入 %1 名儿童(&amp;I)</translation>
    </message>
  </context>
  <context>
    <name>CatchmentPage</name>
    <message>
      <location filename="../schooldesk/ui/pages/catchment.py" line="43" />
      <source>Also children &amp;outside compulsory age</source>
      <translation>显示不在义务教育年龄的儿童(&amp;O)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/catchment.py" line="47" />
      <source>Village</source>
      <translation>村（组）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/catchment.py" line="48" />
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/catchment.py" line="49" />
      <source>Gender</source>
      <translation>性别</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/catchment.py" line="50" />
      <source>Born</source>
      <translation>出生日期</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/catchment.py" line="35" />
      <location filename="../schooldesk/ui/pages/catchment.py" line="51" />
      <source>ID number</source>
      <translation>身份证号</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/catchment.py" line="35" />
      <source>name and birth date (to confirm)</source>
      <translation>姓名+出生日期（待确认）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/catchment.py" line="36" />
      <source>confirmed</source>
      <translation>已确认</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/catchment.py" line="52" />
      <source>Stage</source>
      <translation>学段</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/catchment.py" line="52" />
      <source>not of compulsory age</source>
      <translation>非适龄</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/catchment.py" line="53" />
      <source>Destination</source>
      <translation>去向</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/catchment.py" line="54" />
      <source>School or class</source>
      <translation>就读学校/班级</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/catchment.py" line="55" />
      <source>Verified</source>
      <translation>核实日期</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/catchment.py" line="56" />
      <source>Proof</source>
      <translation>证明</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/catchment.py" line="56" />
      <source>yes</source>
      <translation>有</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/catchment.py" line="56" />
      <source>none</source>
      <translation>无</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/catchment.py" line="58" />
      <source>Matched by</source>
      <translation>匹配方式</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/catchment.py" line="65" />
      <source>&amp;Import the villages' list…</source>
      <translation>导入户籍名单(&amp;I)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/catchment.py" line="66" />
      <location filename="../schooldesk/ui/pages/catchment.py" line="143" />
      <source>&amp;Verify…</source>
      <translation>核实去向(&amp;V)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/catchment.py" line="67" />
      <source>&amp;Confirm the match</source>
      <translation>确认匹配(&amp;C)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/catchment.py" line="68" />
      <source>Persuade to &amp;return…</source>
      <translation>劝返(&amp;R)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/catchment.py" line="69" />
      <source>&amp;Delete</source>
      <translation>删除(&amp;D)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/catchment.py" line="70" />
      <source>学籍&amp;核查…</source>
      <translation>学籍核查(&amp;H)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/catchment.py" line="71" />
      <source>&amp;Print the report…</source>
      <translation>打印报表(&amp;P)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/catchment.py" line="72" />
      <source>E&amp;xcel…</source>
      <translation>导出Excel(&amp;X)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/catchment.py" line="73" />
      <source>Destina&amp;tions…</source>
      <translation>去向类别(&amp;T)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/catchment.py" line="81" />
      <source>Village:</source>
      <translation>村（组）：</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/catchment.py" line="81" />
      <source>Destination:</source>
      <translation>去向：</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/catchment.py" line="115" />
      <source>(not given)</source>
      <translation>（未填）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/catchment.py" line="128" />
      <source>No list of the villages' children yet: import the 户籍 list the village committee or the police station gave.</source>
      <translation>尚无辖区儿童名单：请导入村委会或派出所提供的户籍名单。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/catchment.py" line="131" />
      <source>Children of compulsory age: %1; to verify: %2; studying elsewhere: %3; ID number wrong or blank: %4 (%5 shown)</source>
      <translation>适龄儿童 %1 人 · 待核实 %2 · 本在外 %3 · 身份证号待更正 %4（显示 %5）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/catchment.py" line="143" />
      <source>&amp;View…</source>
      <translation>查看(&amp;V)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/catchment.py" line="183" />
      <source>Confirm the match</source>
      <translation>确认匹配</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/catchment.py" line="184" />
      <source>Is %1 of %2 (born %3) the pupil %4 of %5 on the register?</source>
      <translation>%2的%1（%3出生）是否就是本校名册中%5的%4？</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/catchment.py" line="187" />
      <source>Yes, the same child</source>
      <translation>是同一个孩子</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/catchment.py" line="188" />
      <source>No, another child</source>
      <translation>不是同一个孩子</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/catchment.py" line="204" />
      <source>Persuade to return</source>
      <translation>劝返</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/catchment.py" line="205" />
      <source>Open a persuade-to-return case for %1 (%2). Why is the child not in school?</source>
      <translation>为%1（%2）开立劝返案例。孩子为什么没有上学？</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/catchment.py" line="220" />
      <source>Remove %1 of %2 from the list, with every verification of the child? Only for a child listed by mistake.</source>
      <translation>从名单中删除%2的%1及其全部核实记录吗？仅用于误列入名单的儿童。</translation>
    </message>
  </context>
  <context>
    <name>ChecksField</name>
    <message>
      <location filename="../schooldesk/ui/observation_fields.py" line="101" />
      <source>Lesson plans, homework and records were looked at</source>
      <translation>查阅了教案、作业和记录</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/observation_fields.py" line="118" />
      <source>comment</source>
      <translation>说明</translation>
    </message>
  </context>
  <context>
    <name>ClassDialog</name>
    <message>
      <location filename="../schooldesk/ui/dialogs/class_dialog.py" line="17" />
      <source>Edit class</source>
      <translation>编辑班级</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/class_dialog.py" line="17" />
      <source>New class</source>
      <translation>新建班级</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/class_dialog.py" line="20" />
      <source>&amp;Grade</source>
      <translation>年级(&amp;G)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/class_dialog.py" line="22" />
      <source>Class &amp;number</source>
      <translation>班号(&amp;N)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/class_dialog.py" line="24" />
      <source>Class na&amp;me</source>
      <translation>班级名称(&amp;M)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/class_dialog.py" line="25" />
      <source>&amp;Head teacher</source>
      <translation>班主任(&amp;H)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/class_dialog.py" line="27" />
      <source>(none)</source>
      <translation>（无）</translation>
    </message>
  </context>
  <context>
    <name>ClassesPage</name>
    <message>
      <location filename="../schooldesk/ui/pages/classes.py" line="21" />
      <source>Class</source>
      <translation>班级</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/classes.py" line="22" />
      <source>Grade</source>
      <translation>年级</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/classes.py" line="23" />
      <source>Number</source>
      <translation>班号</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/classes.py" line="24" />
      <source>Head teacher</source>
      <translation>班主任</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/classes.py" line="25" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/classes.py" line="25" />
      <source>Active</source>
      <translation>在用</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/classes.py" line="25" />
      <source>Inactive</source>
      <translation>已停用</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/classes.py" line="29" />
      <source>New school &amp;year…</source>
      <translation>新学年(&amp;Y)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/classes.py" line="31" />
      <source>Move every class up a grade and start the next school year (administrators).</source>
      <translation>各班升入高一年级，开始新学年（仅管理员）。</translation>
    </message>
  </context>
  <context>
    <name>CloseCaseDialog</name>
    <message>
      <location filename="../schooldesk/ui/dialogs/dropout_dialogs.py" line="66" />
      <source>Close the case</source>
      <translation>结案</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/dropout_dialogs.py" line="69" />
      <source>&amp;Date</source>
      <translation>日期(&amp;D)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/dropout_dialogs.py" line="70" />
      <source>&amp;Outcome</source>
      <translation>结果(&amp;O)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/dropout_dialogs.py" line="71" />
      <source>&amp;Details (school moved to …)</source>
      <translation>说明（转入学校等）(&amp;D)</translation>
    </message>
  </context>
  <context>
    <name>CommandHelp</name>
    <message>
      <location filename="../schooldesk/cli/help.py" line="20" />
      <source>SchoolDesk records desk</source>
      <translation>SchoolDesk 学校档案台账</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="21" />
      <source>data folder (default: $SCHOOLDESK_DATA_DIR or the user data folder)</source>
      <translation>数据文件夹（默认：$SCHOOLDESK_DATA_DIR 或用户数据文件夹）</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="22" />
      <source>interface language (default: zh_CN)</source>
      <translation>界面语言（默认：zh_CN）</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="23" />
      <source>open the desktop app (the default)</source>
      <translation>打开桌面程序（默认）</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="24" />
      <source>set up a school without the wizard</source>
      <translation>不用向导，直接建立学校</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="25" />
      <source>create a demo school with synthetic data</source>
      <translation>用虚构数据建立一所演示学校</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="26" />
      <source>check the database; exit 0 when healthy</source>
      <translation>检查数据库；正常时退出码为 0</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="27" />
      <source>take a verified backup now</source>
      <translation>立即备份并校验</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="28" />
      <source>replace the database with a backup (the current one is backed up first)</source>
      <translation>用备份替换数据库（先备份当前数据库）</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="29" />
      <source>import pupils from an .xlsx/.xls roster (student-status system export)</source>
      <translation>从 .xlsx/.xls 名册（学籍系统导出）导入学生</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="30" />
      <source>import teachers from an .xlsx/.xls list (姓名, 性别, 任教学科, 联系电话, 职务)</source>
      <translation>从 .xlsx/.xls 名单（姓名、性别、任教学科、联系电话、职务）导入教师</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="31" />
      <source>set a new administrator password with the recovery code from set-up</source>
      <translation>用建立学校时的恢复码设置新的管理员密码</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="32" />
      <source>import the villages' 户籍 list of children (.xlsx/.xls) and reconcile it with the register</source>
      <translation>导入辖区各村的户籍儿童名单（.xlsx/.xls）并与学籍名册核对</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="33" />
      <source>school year whose 31 August decides compulsory age, e.g. 2025 (default: the current one)</source>
      <translation>按哪一学年的8月31日判定是否适龄，如 2025（默认：当前学年）</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="34" />
      <source>the 适龄儿童摸底 report: counts by 去向 and village, 本在外 with proof, 外在本, to verify</source>
      <translation>适龄儿童摸底报表：按去向和村（组）统计、本在外及证明、外在本、待核实</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="35" />
      <source>print the counts as one JSON object</source>
      <translation>以一个 JSON 对象输出统计数</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="36" />
      <source>学籍核查: compare the register with a 学籍 system export (.xlsx/.xls)</source>
      <translation>学籍核查：将本校名册与学籍系统导出名单（.xlsx/.xls）比对</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="37" />
      <source>the 学籍 system's export</source>
      <translation>学籍系统导出的名单</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="38" />
      <source>print the differences as one JSON object</source>
      <translation>以一个 JSON 对象输出差异</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="39" />
      <source>receive photos from a phone on the school's network onto a record</source>
      <translation>通过学校网络从手机接收照片到一条记录</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="40" />
      <source>activity, home-teaching-visit, observation, return-visit, support or catchment, and the record's number, e.g. activity:12</source>
      <translation>记录类别（activity、home-teaching-visit、observation、return-visit、support 或 catchment）和编号，如 activity:12</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="42" />
      <source>the port to listen on (default: any free one)</source>
      <translation>监听的端口（默认：任一空闲端口）</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="43" />
      <source>stop listening after this long (at most 900, the default)</source>
      <translation>接收多长时间后停止（秒，最多且默认 900）</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="44" />
      <source>the address to listen on (default: this PC's address on the school's network)</source>
      <translation>监听的地址（默认：本机在学校网络上的地址）</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="45" />
      <source>print the address, then the counts, as JSON lines</source>
      <translation>以 JSON 行输出地址，结束时输出统计</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="46" />
      <source>write a register (台账) of a semester as .xlsx or .pdf</source>
      <translation>将某学期的台账写成 .xlsx 或 .pdf</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="47" />
      <source>write the 控辍保学月报 of a month as .xlsx or .pdf</source>
      <translation>将某月的控辍保学月报写成 .xlsx 或 .pdf</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="48" />
      <source>write a pupil's file (学生档案), or one dropout case's 劝返记录表, as PDF</source>
      <translation>将学生档案或某一辍学个案的劝返记录表写成 PDF</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="49" />
      <source>write a 送教上门 PDF: a child's semester log, one visit, or a blank visit form</source>
      <translation>写出送教上门 PDF：学生的学期记录、一次送教记录或空白送教记录表</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="50" />
      <source>write a 听课记录 as PDF: one observation, a blank form, or a teacher's semester</source>
      <translation>将听课记录写成 PDF：一次听课、空白记录表或某教师一学期的听课</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="51" />
      <source>each teacher's lessons observed against their quota for a semester</source>
      <translation>各教师本学期听课节数与要求对照</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="52" />
      <source>write a semester's observations and quota table as .xlsx</source>
      <translation>将某学期的听课记录和节数表写成 .xlsx</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="53" />
      <source>each 师徒结对 pair's targets against what was done in a semester</source>
      <translation>各师徒结对本学期目标完成情况</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="54" />
      <source>write a pair's agreement, semester record or assessment form as PDF</source>
      <translation>将师徒结对协议书、学期记录或考核表写成 PDF</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="55" />
      <source>write an activity record as PDF (or a blank 家访记录表, or the semester's summary)</source>
      <translation>将活动记录写成 PDF（或空白家访记录表，或本学期汇总）</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="56" />
      <source>write a semester's bundle for the bureau (workbooks, PDFs, photos, manifest)</source>
      <translation>写出某学期报送教育局的材料（工作簿、PDF、照片、清单）</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="57" />
      <source>check a bundle (folder or zip) against its manifest; exit 0 intact, 1 not, 2 unreadable</source>
      <translation>按清单核对报送材料（文件夹或 zip）；完整退出码 0，不完整 1，无法读取 2</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="58" />
      <source>start a school year: its terms, classes one grade up, pupils moved, the top grade graduated (after a backup)</source>
      <translation>开始新学年：设置学期、班级升级、学生随班升级、最高年级毕业（先备份）</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="59" />
      <source>open the main window offscreen on a temporary data folder (inside --data-dir if given)</source>
      <translation>在临时数据文件夹（给出 --data-dir 时在其中）以无界面方式打开主窗口自检</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="60" />
      <source>10-digit 学校标识码</source>
      <translation>10 位学校标识码</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="61" />
      <source>school year start, e.g. 2025 for 2025—2026</source>
      <translation>学年开始的年份，如 2025 表示 2025—2026 学年</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="62" />
      <source>administrator user name</source>
      <translation>管理员用户名</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="63" />
      <source>file whose first line is the password</source>
      <translation>第一行为密码的文件</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="64" />
      <source>小学, 初级中学, 九年一贯制学校 or 教学点 (else guessed from the classes)</source>
      <translation>小学、初级中学、九年一贯制学校或教学点（不给出时按班级推断）</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="65" />
      <source>folder to write it to, e.g. a USB stick (default: the data folder's backups/)</source>
      <translation>写入的文件夹，如 U 盘（默认：数据文件夹中的 backups/）</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="66" />
      <source>with --out: seal the backup and its photos in an AES-256 zip with the password on this file's first line</source>
      <translation>与 --out 同用：用此文件第一行的密码把备份和照片封入 AES-256 加密 zip</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="67" />
      <source>a backup file (schooldesk-*.sqlite3, or a sealed schooldesk-*.zip)</source>
      <translation>备份文件（schooldesk-*.sqlite3 或加密的 schooldesk-*.zip）</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="68" />
      <source>the password of a sealed backup, on this file's first line</source>
      <translation>加密备份的密码（写在此文件第一行）</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="69" />
      <source>the spreadsheet</source>
      <translation>表格文件</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="70" />
      <source>check and count only; write nothing</source>
      <translation>只检查和计数，不写入</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="71" />
      <source>print the report as one JSON object</source>
      <translation>以一个 JSON 对象输出报告</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="72" />
      <source>the sheet to read (default: the one shown when the file opens)</source>
      <translation>要读取的工作表（默认：打开文件时显示的那张）</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="73" />
      <source>school year the classes belong to, e.g. 2025 (default: the current one)</source>
      <translation>班级所属学年，如 2025（默认：当前学年）</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="74" />
      <source>the recovery code written down at set-up</source>
      <translation>建立学校时抄下的恢复码</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="75" />
      <source>administrator user name (created if missing)</source>
      <translation>管理员用户名（不存在时新建）</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="76" />
      <source>file whose first line is the new password</source>
      <translation>第一行为新密码的文件</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="77" />
      <source>the register (see --list), or all</source>
      <translation>台账名称（见 --list），或 all</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="78" />
      <source>print the register names and stop</source>
      <translation>列出台账名称后结束</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="79" />
      <source>e.g. 2025-2026-1 (default: the current semester)</source>
      <translation>如 2025-2026-1（默认：当前学期）</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="80" />
      <source>where to write it</source>
      <translation>写入位置</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="81" />
      <source>full ID numbers instead of masked ones (recorded in the audit trail)</source>
      <translation>输出完整身份证号而非遮挡的（记入审计日志）</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="82" />
      <source>e.g. 2026-10</source>
      <translation>如 2026-10</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="83" />
      <source>full ID numbers (recorded in the audit trail)</source>
      <translation>完整身份证号（记入审计日志）</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="84" />
      <source>the pupil's student number (学籍号) or ID number</source>
      <translation>学生的学籍号或身份证号</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="85" />
      <source>print this dropout case's 劝返记录表 instead</source>
      <translation>改为打印此辍学个案的劝返记录表</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="86" />
      <source>the child's student number (学籍号) or ID number</source>
      <translation>学生的学籍号或身份证号</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="87" />
      <source>print this one visit</source>
      <translation>只打印这一次送教</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="88" />
      <source>a blank visit form to fill in by hand</source>
      <translation>供手写的空白送教记录表</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="89" />
      <source>where to write the PDF</source>
      <translation>PDF 的写入位置</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="90" />
      <source>the observation to print</source>
      <translation>要打印的听课记录</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="91" />
      <source>a blank 听课记录表 in the school's default rubric</source>
      <translation>按本校默认评价表的空白听课记录表</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="92" />
      <source>this teacher's 听课记录汇总 for --semester</source>
      <translation>该教师在 --semester 学期的听课记录汇总</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="93" />
      <source>one JSON object per teacher</source>
      <translation>每位教师一个 JSON 对象</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="94" />
      <source>write a teacher's file (教师专业成长档案) for a semester or a school year as PDF</source>
      <translation>将教师专业成长档案（一个学期或一个学年）写成 PDF</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="95" />
      <source>merge schools' semester bundles (folders or zips) into one store and workbooks (汇总)</source>
      <translation>将各校学期报送材料（文件夹或压缩包）汇总到一个数据库和汇总表</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="96" />
      <source>a bundle folder or zip, or a folder holding several (a stick's root)</source>
      <translation>报送材料文件夹或压缩包，或存放多份材料的文件夹（如U盘根目录）</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="97" />
      <source>where the merged workbooks (and the SQLite store) go</source>
      <translation>汇总表（及本机汇总数据库）的输出文件夹</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="98" />
      <source>the store on a server instead, e.g. postgresql://user:password@server/county</source>
      <translation>改用服务器上的汇总数据库，如 postgresql://用户:密码@服务器/数据库</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="99" />
      <source>the semester merged, e.g. 2025-2026-1 (default: that of most bundles)</source>
      <translation>汇总的学期，如 2025-2026-1（默认：多数材料所属的学期）</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="100" />
      <source>the list of schools expected (.xlsx/.csv: 学校标识码, 学校名称, 乡镇)</source>
      <translation>应报学校名单（.xlsx/.csv：学校标识码、学校名称、乡镇）</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="101" />
      <source>who merges, for the titles (e.g. 某某县教育局, 青山镇中心校)</source>
      <translation>汇总单位，印在表头（如 某某县教育局、青山镇中心校）</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="102" />
      <source>the password of encrypted zips, on this file's first line</source>
      <translation>加密压缩包的密码（写在此文件第一行）</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="103" />
      <source>print the outcome as one JSON object</source>
      <translation>以一个 JSON 对象输出结果</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="104" />
      <source>the teacher's name</source>
      <translation>教师姓名</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="105" />
      <source>a whole school year, e.g. 2025 (for 2025—2026)</source>
      <translation>整个学年，如 2025（即 2025—2026学年）</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="106" />
      <source>where to write the PDF (may be left out with --json)</source>
      <translation>PDF 保存位置（使用 --json 时可省略）</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="107" />
      <source>print the counts as JSON (lessons_observed, training_hours, home_visits …)</source>
      <translation>以 JSON 输出各项统计（lessons_observed、training_hours、home_visits 等）</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="108" />
      <source>e.g. 2025 for 2025—2026 (default: the semester's)</source>
      <translation>如 2025 表示 2025—2026 学年（默认：所选学期的学年）</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="109" />
      <source>one JSON object per pair</source>
      <translation>每对师徒一个 JSON 对象</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="110" />
      <source>the pair's number</source>
      <translation>师徒结对编号</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="111" />
      <source>the 师徒结对协议书</source>
      <translation>师徒结对协议书</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="112" />
      <source>the pair's record for --semester</source>
      <translation>该结对在 --semester 学期的记录</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="113" />
      <source>the year-end 考核表</source>
      <translation>年末考核表</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="114" />
      <source>for --record, e.g. 2025-2026-1 (default: the current semester)</source>
      <translation>用于 --record，如 2025-2026-1（默认：当前学期）</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="115" />
      <source>the activity to print</source>
      <translation>要打印的活动</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="116" />
      <source>a blank 家访记录表 with this pupil's details, to fill in on the visit</source>
      <translation>带有该学生信息的空白家访记录表，家访时填写</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="117" />
      <source>the semester's 活动记录汇总 (.pdf or .xlsx)</source>
      <translation>本学期活动记录汇总（.pdf 或 .xlsx）</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="118" />
      <source>for --summary, e.g. 2025-2026-1 (default: the current semester)</source>
      <translation>用于 --summary，如 2025-2026-1（默认：当前学期）</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="119" />
      <source>the folder or USB stick to write the bundle into</source>
      <translation>写入报送材料的文件夹或 U 盘</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="120" />
      <source>one .zip instead of a folder</source>
      <translation>写成一个 .zip 而不是文件夹</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="121" />
      <source>with --zip: AES-256 encrypt it with the password on this file's first line</source>
      <translation>与 --zip 同用：用此文件第一行的密码进行 AES-256 加密</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="122" />
      <source>print files (path, size, sha256), counts and warnings as JSON</source>
      <translation>以 JSON 输出文件（路径、大小、sha256）、计数和提示</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="123" />
      <source>share the PDFs with N other processes (default for a large school: one per core but this one; 0: none)</source>
      <translation>由另外 N 个进程分担生成 PDF（大型学校默认：每个 CPU 核一个，本进程除外；0：不分担）</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="124" />
      <source>the bundle's folder or .zip</source>
      <translation>报送材料的文件夹或 .zip</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="125" />
      <source>the password of an encrypted zip, on this file's first line</source>
      <translation>加密 zip 的密码（写在此文件第一行）</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="126" />
      <source>the new school year's start, e.g. 2026 for 2026—2027</source>
      <translation>新学年开始的年份，如 2026 表示 2026—2027 学年</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="127" />
      <source>show what would happen; write nothing</source>
      <translation>只显示将会发生什么，不写入</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="128" />
      <source>print the plan as one JSON object</source>
      <translation>以一个 JSON 对象输出计划</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="129" />
      <source>draft a family's work summary (工作总结) from the records as a Word document</source>
      <translation>从记录起草某一类工作总结（Word文档）</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="130" />
      <source>which records the summary is about</source>
      <translation>总结哪一类记录</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="131" />
      <source>print the path and every figure the summary states</source>
      <translation>以JSON输出文件路径和总结中的每项数据</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="132" />
      <source>the calendar of what is due this semester (月报, 报送材料, 工作总结, 摸底, 频次要求)</source>
      <translation>本学期的报送日程（月报、报送材料、工作总结、摸底、频次要求）</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="133" />
      <source>print the items as one JSON object</source>
      <translation>以一个JSON对象输出各事项</translation>
    </message>
  </context>
  <context>
    <name>CommandLine</name>
    <message>
      <location filename="../schooldesk/cli/shared.py" line="41" />
      <source>Warning: %1</source>
      <translation>提示：%1</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/main.py" line="36" />
      <source>Command line error: %1. Run “schooldesk --help” for help.</source>
      <translation>命令行错误：%1。运行“schooldesk --help”查看帮助。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/main.py" line="177" />
      <source>Unexpected error (%1). Please report it with the steps that led to it.</source>
      <translation>发生意外错误（%1）。请连同出错前的操作步骤一起报告。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/setup.py" line="47" />
      <source>School “%1” set up in %2.</source>
      <translation>已在 %2 建立学校“%1”。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/setup.py" line="48" />
      <source>Recovery code (write it down; it is shown only now): %1</source>
      <translation>恢复码（请抄写保存，仅显示这一次）：%1</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/setup.py" line="60" />
      <source>Demo school “%1” created in %2.</source>
      <translation>已在 %2 建立演示学校“%1”。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/setup.py" line="61" />
      <source>Log in as %1 with the password %2.</source>
      <translation>请用用户名 %1、密码 %2 登录。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/data.py" line="50" />
      <source>Database: %1</source>
      <translation>数据库：%1</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/data.py" line="51" />
      <source>Schema version: %1 (expected %2)</source>
      <translation>结构版本：%1（应为 %2）</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/data.py" line="54" />
      <source>This database is from another version of SchoolDesk: opened in this version it is upgraded (after a backup); records are not counted here.</source>
      <translation>这个数据库来自其他版本的 SchoolDesk：用本版本打开时会先备份再升级；此处不统计记录数。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/data.py" line="57" />
      <source>Integrity check: %1</source>
      <translation>完整性检查：%1</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/data.py" line="58" />
      <source>Foreign key problems: %1</source>
      <translation>外键问题：%1</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/data.py" line="67" />
      <source>The database is healthy.</source>
      <translation>数据库状态良好。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/data.py" line="69" />
      <source>The database has problems: make no changes and restore a backup or ask for help.</source>
      <translation>数据库有问题：请不要再修改数据，恢复备份或寻求帮助。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/data.py" line="91" />
      <source>Backup written and verified: %1 (%2 bytes)</source>
      <translation>备份已写入并校验：%1（%2 字节）</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/data.py" line="102" />
      <source>Restored %1.</source>
      <translation>已恢复 %1。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/data.py" line="104" />
      <source>The database as it was before is kept in %1.</source>
      <translation>恢复前的数据库保存在 %1。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/imports.py" line="78" />
      <source>Sheet read: %1</source>
      <translation>读取的工作表：%1</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/imports.py" line="80" />
      <location filename="../schooldesk/cli/school.py" line="40" />
      <source>Dry run: nothing was written.</source>
      <translation>试运行：未写入任何数据。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/imports.py" line="50" />
      <source>Warning: the file is of another school (学校标识码 %1).</source>
      <translation>注意：此文件属于别的学校（学校标识码 %1）。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/imports.py" line="86" />
      <source>Rows read: %1; new: %2; updated: %3; unchanged: %4; skipped: %5.</source>
      <translation>读取 %1 行；新增 %2，更新 %3，无变化 %4，跳过 %5。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/imports.py" line="89" />
      <source>%1, row %2, column %3: %4</source>
      <translation>%1，第 %2 行，“%3”列：%4</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/imports.py" line="91" />
      <source>Error</source>
      <translation>错误</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/imports.py" line="92" />
      <source>Warning</source>
      <translation>提醒</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/imports.py" line="53" />
      <source>Row %1 repeats the pupil of row %2 and was skipped.</source>
      <translation>第 %1 行与第 %2 行是同一名学生，已跳过。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/imports.py" line="98" />
      <source>… and %1 more (use --json for the full list).</source>
      <translation>……另有 %1 条（用 --json 查看完整列表）。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/shared.py" line="96" />
      <source>Written: %1 (%2 pages).</source>
      <translation>已生成：%1（共 %2 页）。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/setup.py" line="74" />
      <source>The password of administrator %1 was set.</source>
      <translation>已为管理员 %1 设置新密码。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/setup.py" line="75" />
      <source>The old recovery code is used up. New recovery code (write it down): %1</source>
      <translation>原恢复码已作废。新的恢复码（请抄写保存）：%1</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/county.py" line="65" />
      <location filename="../schooldesk/cli/shared.py" line="99" />
      <source>Written: %1 (%2 rows).</source>
      <translation>已生成：%1（共 %2 行）。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/shared.py" line="101" />
      <source>Warning: %1 held a character no workbook can hold; it is written as □. Correct that record.</source>
      <translation>警告：%1含有无法写入的字符，已写作□，请修改该记录。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/exports.py" line="61" />
      <source>every register, one sheet each</source>
      <translation>全部台账，每个台账一个工作表</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/school.py" line="34" />
      <source>%1 → %2: %3 pupils (%4 repeat, %5 leave)</source>
      <translation>%1 → %2：%3人（留级%4人，离校%5人）</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/school.py" line="36" />
      <source>%1: %2 pupils move up, %3 graduate on %4; %5 classes.</source>
      <translation>%1：升级%2人，毕业%3人（毕业日期%4）；共%5个班。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/school.py" line="42" />
      <source>The new school year was started; a backup was taken first.</source>
      <translation>新学年已开始；开始前已做备份。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/observations.py" line="88" />
      <source>%1: lessons observed against each teacher's quota</source>
      <translation>%1：各位教师听课节数与要求</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/mentorship.py" line="49" />
      <location filename="../schooldesk/cli/observations.py" line="90" />
      <source>behind</source>
      <translation>进度落后</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/bundle.py" line="55" />
      <source>Written and checked: %1 (%2 files).</source>
      <translation>已写入并校验：%1（共 %2 个文件）。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/bundle.py" line="57" />
      <source>Incomplete: %1</source>
      <translation>未完成：%1</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/bundle.py" line="67" />
      <source>missing</source>
      <translation>缺少</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/bundle.py" line="68" />
      <source>changed</source>
      <translation>已改动</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/bundle.py" line="69" />
      <source>extra</source>
      <translation>多出</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/bundle.py" line="82" />
      <source>Intact: %1 files match the manifest.</source>
      <translation>完好：%1 个文件与清单一致。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/bundle.py" line="73" />
      <source>Sealed by this school: the manifest is the one SchoolDesk wrote, unchanged.</source>
      <translation>封存有效：清单是本校SchoolDesk导出时写下的，未被改动。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/bundle.py" line="76" />
      <source>The seal does not hold: the manifest was changed after this school's SchoolDesk wrote it, or its seal was removed.</source>
      <translation>封存不符：清单在本校SchoolDesk导出后被改动过，或封存被去掉。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/bundle.py" line="79" />
      <source>The seal was not checked: this PC does not hold the key of the school that made the bundle.</source>
      <translation>未核对封存：本机没有导出该材料的学校的密钥。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/catchment.py" line="53" />
      <source>Matched by ID number: %1; by name and birth date (to confirm): %2; not on the register: %3; not of compulsory age: %4; ID number wrong or blank (flagged): %5.</source>
      <translation>身份证号匹配：%1；姓名+出生日期匹配（待确认）：%2；不在本校名册：%3；不在义务教育年龄：%4；身份证号错误或为空（已标记）：%5。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/catchment.py" line="102" />
      <source>Children of compulsory age: %1; to verify: %2; 本在外: %3 (with proof: %4); 外在本: %5; enrolment rate: %6.</source>
      <translation>适龄儿童：%1；待核实：%2；本在外：%3（有证明：%4）；外在本：%5；入学率：%6。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/catchment.py" line="127" />
      <source>Rows read: %1; pupils on roll: %2; only in the file: %3; only in the register: %4; differences: %5.</source>
      <translation>读取 %1 行；在籍学生 %2 人；仅在学籍系统：%3；仅在本校名册：%4；信息不一致：%5。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/catchment.py" line="132" />
      <source>Only in the file (row %1): %2 %3</source>
      <translation>仅在学籍系统（第 %1 行）：%2 %3</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/catchment.py" line="135" />
      <source>Only in the register: %1 %2</source>
      <translation>仅在本校名册：%1 %2</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/catchment.py" line="137" />
      <source>%1 (row %2): %3 is %4 here, %5 in the file</source>
      <translation>%1（第 %2 行）：%3 本校为 %4，学籍系统为 %5</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/photos.py" line="50" />
      <source>Open %1 on a phone on the same Wi-Fi (for at most %2 minutes; the phone's 完成 ends it).</source>
      <translation>请在连接同一 Wi-Fi 的手机上打开 %1（最多 %2 分钟；手机上点“完成”即结束）。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/photos.py" line="70" />
      <source>Photos received: %1; refused: %2.</source>
      <translation>收到照片：%1 张；拒收：%2 张。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/summaries.py" line="48" />
      <source>Written: %1 (%2 figures; complete the parts marked 【请补充】).</source>
      <translation>已写入：%1（共%2项数据；请补充标有【请补充】的部分）。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/summaries.py" line="67" />
      <source>done</source>
      <translation>已完成</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/summaries.py" line="68" />
      <source>overdue</source>
      <translation>已逾期</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/summaries.py" line="69" />
      <source>to do</source>
      <translation>待办</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/county.py" line="54" />
      <source>%1: %2 schools merged (%3 pupils on roll), %4 bundles refused.</source>
      <translation>%1：已汇总 %2 所学校（在籍学生 %3 人），%4 份材料未合并。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/county.py" line="59" />
      <source>  %1: replaces the bundle exported %2</source>
      <translation>  %1：替换了 %2 导出的材料</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/county.py" line="61" />
      <source>On roll at two schools: %1; 本在外 not on the named school's roll: %2; schools missing: %3</source>
      <translation>双重学籍：%1；本在外但不在所报学校学籍中：%2；未报送学校：%3</translation>
    </message>
  </context>
  <context>
    <name>CountyMergeWindow</name>
    <message>
      <location filename="../schooldesk/ui/county_merge_window.py" line="41" />
      <source>Merge schools' bundles (汇总)</source>
      <translation>汇总各校报送材料</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/county_merge_window.py" line="44" />
      <source>Add each school's bundle as it comes (a folder, a zip, or a stick's whole folder). Each is checked against its manifest first: a changed, incomplete or foreign one, or one of another semester, is refused with its reason and the rest are merged. A school's newer bundle replaces the one merged before.</source>
      <translation>各校报送材料收到后逐一添加（文件夹、压缩包，或整个U盘文件夹）。每份材料先按清单核验：被改动、不完整、不是本软件导出的或不是本学期的材料不予合并并说明原因，其余照常汇总。同一学校较新的材料替换此前汇总的材料。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/county_merge_window.py" line="52" />
      <source>Add &amp;folder…</source>
      <translation>添加文件夹(&amp;F)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/county_merge_window.py" line="53" />
      <source>Add &amp;zip files…</source>
      <translation>添加压缩包(&amp;Z)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/county_merge_window.py" line="54" />
      <source>&amp;Remove</source>
      <translation>移除(&amp;R)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/county_merge_window.py" line="59" />
      <source>e.g. 示范县教育局, 青山镇中心校 (printed in the titles)</source>
      <translation>如 示范县教育局、青山镇中心校（印在表头）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/county_merge_window.py" line="61" />
      <source>optional: .xlsx or .csv with 学校标识码, 学校名称, 乡镇</source>
      <translation>可选：含 学校标识码、学校名称、乡镇 的 .xlsx 或 .csv</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/county_merge_window.py" line="64" />
      <source>empty: 汇总.sqlite3 in the output folder; or postgresql://user@server/county</source>
      <translation>留空：存于输出文件夹的 汇总.sqlite3；或 postgresql://用户@服务器/数据库</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/county_merge_window.py" line="67" />
      <source>only for encrypted zips</source>
      <translation>仅加密压缩包需要</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/county_merge_window.py" line="69" />
      <source>Re&amp;ceiver:</source>
      <translation>汇总单位(&amp;C)：</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/county_merge_window.py" line="70" />
      <source>Schools e&amp;xpected:</source>
      <translation>应报学校名单(&amp;X)：</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/county_merge_window.py" line="71" />
      <source>&amp;Output folder:</source>
      <translation>输出文件夹(&amp;O)：</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/county_merge_window.py" line="72" />
      <source>S&amp;tore:</source>
      <translation>汇总数据库(&amp;T)：</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/county_merge_window.py" line="73" />
      <source>Zip pass&amp;word:</source>
      <translation>压缩包密码(&amp;W)：</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/county_merge_window.py" line="74" />
      <source>&amp;Merge</source>
      <translation>开始汇总(&amp;M)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/county_merge_window.py" line="78" />
      <source>Open the output f&amp;older</source>
      <translation>打开输出文件夹(&amp;L)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/county_merge_window.py" line="86" />
      <location filename="../schooldesk/ui/county_merge_window.py" line="98" />
      <source>Township</source>
      <translation>乡镇</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/county_merge_window.py" line="86" />
      <location filename="../schooldesk/ui/county_merge_window.py" line="98" />
      <source>School</source>
      <translation>学校</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/county_merge_window.py" line="87" />
      <location filename="../schooldesk/ui/county_merge_window.py" line="99" />
      <source>School code</source>
      <translation>学校标识码</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/county_merge_window.py" line="87" />
      <source>Exported</source>
      <translation>导出时间</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/county_merge_window.py" line="88" />
      <source>Pupils on roll</source>
      <translation>在籍学生</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/county_merge_window.py" line="90" />
      <source>Bundle</source>
      <translation>报送材料</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/county_merge_window.py" line="90" />
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/county_merge_window.py" line="92" />
      <location filename="../schooldesk/ui/county_merge_window.py" line="95" />
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/county_merge_window.py" line="92" />
      <location filename="../schooldesk/ui/county_merge_window.py" line="95" />
      <source>ID number</source>
      <translation>身份证号</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/county_merge_window.py" line="93" />
      <source>On roll at</source>
      <translation>在籍学校</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/county_merge_window.py" line="96" />
      <source>Reported by</source>
      <translation>报告学校</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/county_merge_window.py" line="96" />
      <source>School named</source>
      <translation>所报就读学校</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/county_merge_window.py" line="134" />
      <source>Choose…</source>
      <translation>选择…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/county_merge_window.py" line="102" />
      <source>Schools merged (%1)</source>
      <translation>已汇总学校 (%1)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/county_merge_window.py" line="103" />
      <source>Refused (%1)</source>
      <translation>未合并 (%1)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/county_merge_window.py" line="104" />
      <source>On roll at two schools (%1)</source>
      <translation>双重学籍 (%1)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/county_merge_window.py" line="105" />
      <source>本在外 not on roll (%1)</source>
      <translation>本在外未在籍 (%1)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/county_merge_window.py" line="106" />
      <source>Schools missing (%1)</source>
      <translation>未报送学校 (%1)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/county_merge_window.py" line="155" />
      <source>A bundle's folder, or a folder holding bundles</source>
      <translation>报送材料文件夹，或存放多份材料的文件夹</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/county_merge_window.py" line="159" />
      <source>Bundles as zip files</source>
      <translation>报送材料压缩包</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/county_merge_window.py" line="159" />
      <source>Zip files (*.zip)</source>
      <translation>压缩包 (*.zip)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/county_merge_window.py" line="167" />
      <source>The list of schools expected</source>
      <translation>应报学校名单</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/county_merge_window.py" line="168" />
      <source>Spreadsheets (*.xlsx *.xls *.csv)</source>
      <translation>表格 (*.xlsx *.xls *.csv)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/county_merge_window.py" line="171" />
      <source>Write the merged workbooks into</source>
      <translation>汇总表保存到</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/county_merge_window.py" line="205" />
      <source>Reading, checking and merging the bundles…</source>
      <translation>正在读取、核验并汇总报送材料…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/county_merge_window.py" line="215" />
      <source>%1: %2 schools merged (%3 pupils on roll), %4 bundles refused; %5 workbooks written into %6.</source>
      <translation>%1：已汇总 %2 所学校（在籍学生 %3 人），%4 份材料未合并；%5 个汇总表已写入 %6。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/county_merge_window.py" line="219" />
      <source>Replaced by a newer bundle: %1.</source>
      <translation>由较新材料替换：%1。</translation>
    </message>
  </context>
  <context>
    <name>Crash</name>
    <message>
      <location filename="../schooldesk/ui/crash.py" line="39" />
      <source>Something went wrong that SchoolDesk did not expect. What you saved before is kept.

If it happens again, press “Copy details” and send them with what you were doing.</source>
      <translation>程序遇到了意外错误。之前保存的内容都还在。

如果再次出现，请点击“复制详细信息”，连同当时正在做的操作一起发给技术人员。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/crash.py" line="47" />
      <source>&amp;Copy details</source>
      <translation>复制详细信息(&amp;C)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/crash.py" line="49" />
      <source>&amp;Show details</source>
      <translation>显示详细信息(&amp;S)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/crash.py" line="62" />
      <source>Copied</source>
      <translation>已复制</translation>
    </message>
  </context>
  <context>
    <name>DestinationsDialog</name>
    <message>
      <location filename="../schooldesk/ui/dialogs/destinations_dialog.py" line="25" />
      <source>Destinations (去向)</source>
      <translation>去向类别</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/destinations_dialog.py" line="30" />
      <source>Destination</source>
      <translation>去向</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/destinations_dialog.py" line="30" />
      <source>Counts as</source>
      <translation>统计类别</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/destinations_dialog.py" line="30" />
      <source>Offered from</source>
      <translation>起用日期</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/destinations_dialog.py" line="35" />
      <source>e.g. 港澳台就读</source>
      <translation>如：港澳台就读</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/destinations_dialog.py" line="37" />
      <source>asks for the school attended</source>
      <translation>需填写就读学校</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/destinations_dialog.py" line="39" />
      <source>A destination of the school's own</source>
      <translation>本校新增去向</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/destinations_dialog.py" line="41" />
      <source>&amp;Name</source>
      <translation>名称(&amp;N)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/destinations_dialog.py" line="42" />
      <source>&amp;Counts as</source>
      <translation>统计类别(&amp;C)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/destinations_dialog.py" line="44" />
      <source>Offered &amp;from</source>
      <translation>起用日期(&amp;F)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/destinations_dialog.py" line="46" />
      <source>&amp;Add</source>
      <translation>添加(&amp;A)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/destinations_dialog.py" line="67" />
      <source>built in</source>
      <translation>内置</translation>
    </message>
  </context>
  <context>
    <name>DueDatesDialog</name>
    <message>
      <location filename="../schooldesk/ui/dialogs/due_dates_dialog.py" line="23" />
      <source>Calendar of what is due</source>
      <translation>报送日程</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/due_dates_dialog.py" line="39" />
      <source> days before the term ends</source>
      <translation> 天（学期结束前）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/due_dates_dialog.py" line="41" />
      <source>MM-DD, e.g. 09-30、03-31</source>
      <translation>月-日，例如09-30、03-31</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/due_dates_dialog.py" line="31" />
      <source>by the </source>
      <translation>次月</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/due_dates_dialog.py" line="32" />
      <source> of the next month</source>
      <translation>日前</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/due_dates_dialog.py" line="44" />
      <source>&amp;Monthly report (控辍保学月报)</source>
      <translation>控辍保学月报(&amp;M)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/due_dates_dialog.py" line="45" />
      <source>Semester &amp;bundle</source>
      <translation>学期报送材料(&amp;B)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/due_dates_dialog.py" line="46" />
      <source>Work &amp;summaries</source>
      <translation>工作总结(&amp;S)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/due_dates_dialog.py" line="47" />
      <source>适龄儿童摸底 &amp;rounds</source>
      <translation>适龄儿童摸底日期(&amp;R)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/due_dates_dialog.py" line="48" />
      <source>In force &amp;from</source>
      <translation>生效日期(&amp;F)</translation>
    </message>
  </context>
  <context>
    <name>Errors</name>
    <message>
      <location filename="../schooldesk/cli/shared.py" line="50" />
      <source>The password file %1 cannot be read: %2</source>
      <translation>无法读取密码文件 %1：%2</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/data.py" line="40" />
      <location filename="../schooldesk/cli/data.py" line="81" />
      <location filename="../schooldesk/cli/shared.py" line="71" />
      <source>There is no SchoolDesk database at %1.</source>
      <translation>%1 处没有 SchoolDesk 数据库。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/data.py" line="42" />
      <source>The database file %1 is empty (0 bytes): it holds no school. Restore a backup.</source>
      <translation>数据库文件 %1 是空的（0 字节），其中没有学校数据。请恢复备份。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/data.py" line="87" />
      <source>A sealed backup is for a USB stick: give --out too.</source>
      <translation>加密备份用于复制到U盘：请同时用 --out 指定位置。</translation>
    </message>
    <message>
      <location filename="../schooldesk/db/database.py" line="71" />
      <source>The database was damaged. It was moved to %1 and nothing in it was overwritten.</source>
      <translation>数据库已损坏。它已被移到 %1，其中的内容没有被覆盖。</translation>
    </message>
    <message>
      <location filename="../schooldesk/instance_lock.py" line="15" />
      <source>SchoolDesk is using this data folder (%1): a window or a command has it open. Use that window or wait for the command to finish, then try again.</source>
      <translation>SchoolDesk 正在使用这个数据文件夹（%1）：有窗口或命令正在使用它。请使用已打开的窗口，或等命令完成后再试。</translation>
    </message>
    <message>
      <location filename="../schooldesk/db/database.py" line="97" />
      <location filename="../schooldesk/instance_lock.py" line="41" />
      <source>The data folder %1 cannot be created: %2</source>
      <translation>无法创建数据文件夹 %1：%2</translation>
    </message>
    <message>
      <location filename="../schooldesk/instance_lock.py" line="49" />
      <source>The data folder %1 cannot be written to (read-only, or no permission).</source>
      <translation>数据文件夹 %1 无法写入（只读，或没有权限）。</translation>
    </message>
    <message>
      <location filename="../schooldesk/db/failures.py" line="19" />
      <location filename="../schooldesk/db/failures.py" line="20" />
      <source>The database file %1 is damaged or is not a SchoolDesk database.</source>
      <translation>数据库文件 %1 已损坏，或不是 SchoolDesk 数据库。</translation>
    </message>
    <message>
      <location filename="../schooldesk/db/failures.py" line="17" />
      <source>The database %1 is busy in another program. Close it and try again.</source>
      <translation>数据库 %1 正被其他程序占用。请关闭该程序后重试。</translation>
    </message>
    <message>
      <location filename="../schooldesk/db/failures.py" line="22" />
      <source>The database %1 cannot be opened. Check that the folder exists and you may write to it.</source>
      <translation>无法打开数据库 %1。请检查文件夹是否存在、是否有写入权限。</translation>
    </message>
    <message>
      <location filename="../schooldesk/db/failures.py" line="23" />
      <source>The database %1 is read-only. Check the file's permissions.</source>
      <translation>数据库 %1 是只读的。请检查文件权限。</translation>
    </message>
    <message>
      <location filename="../schooldesk/db/failures.py" line="24" />
      <source>The disk holding %1 is full. Free some space and try again.</source>
      <translation>%1 所在的磁盘已满。请腾出空间后重试。</translation>
    </message>
    <message>
      <location filename="../schooldesk/db/failures.py" line="25" />
      <source>The disk holding %1 could not be read or written.</source>
      <translation>%1 所在的磁盘无法读写。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/grades.py" line="26" />
      <source>The grade must be between 1 and 9.</source>
      <translation>年级必须在 1 到 9 之间。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/grades.py" line="34" />
      <source>The class number must be between 1 and %1.</source>
      <translation>班号必须在 1 到 %1 之间。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/people.py" line="39" />
      <source>Enter a name.</source>
      <translation>请填写姓名。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/people.py" line="42" />
      <source>A name can have at most %1 characters.</source>
      <translation>姓名最多 %1 个字。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/people.py" line="49" />
      <source>Choose 男 or 女.</source>
      <translation>请选择“男”或“女”。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/people.py" line="58" />
      <source>A phone number has 7 to 20 digits (dashes allowed).</source>
      <translation>电话号码应为 7 到 20 位数字（可含短横线）。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/school_code.py" line="28" />
      <source>Enter the 10-digit school code.</source>
      <translation>请填写 10 位学校标识码。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/school_code.py" line="31" />
      <source>The school code has exactly 10 digits (you entered %1 characters).</source>
      <translation>学校标识码应为 10 位数字（您输入了 %1 个字符）。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/school_code.py" line="35" />
      <source>The school code's first two digits (%1) are not a school kind.</source>
      <translation>学校标识码前两位（%1）不是有效的学校类别码。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/school_code.py" line="39" />
      <source>The school code's 3rd and 4th digits (%1) are not a province.</source>
      <translation>学校标识码第 3、4 位（%1）不是有效的省级行政区划代码。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/semester.py" line="53" />
      <source>“%1” is not a semester; write it like 2025-2026-1.</source>
      <translation>“%1”不是有效的学期，请写成 2025-2026-1 的形式。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/semester.py" line="94" />
      <source>The school year must be between %1 and %2.</source>
      <translation>学年必须在 %1 到 %2 之间。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/semester.py" line="107" />
      <source>The term must end after it starts.</source>
      <translation>学期结束日期必须晚于开始日期。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/semester.py" line="111" />
      <source>A term cannot be longer than %1 days.</source>
      <translation>一个学期不能超过 %1 天。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/semester.py" line="116" />
      <source>The term's dates must lie between July %1 and August %2.</source>
      <translation>学期日期必须在 %1 年 7 月到 %2 年 8 月之间。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/semester.py" line="122" />
      <source>The second term must start after the first term ends.</source>
      <translation>第二学期必须在第一学期结束之后开始。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/accounts.py" line="30" />
      <source>Enter a user name.</source>
      <translation>请填写用户名。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/accounts.py" line="33" />
      <source>A user name has at most 50 characters and no spaces.</source>
      <translation>用户名最多 50 个字符，且不能含空格。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/accounts.py" line="41" />
      <source>The password needs at least %1 characters.</source>
      <translation>密码至少需要 %1 个字符。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/accounts.py" line="51" />
      <source>The user name %1 is taken.</source>
      <translation>用户名 %1 已被使用。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/classes.py" line="35" />
      <source>The class name is too long.</source>
      <translation>班级名称太长。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/classes.py" line="45" />
      <source>%1 already exists in this school year.</source>
      <translation>本学年已有%1。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/care.py" line="63" />
      <source>Choose a category.</source>
      <translation>请选择类别。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/teacher_growth.py" line="41" />
      <location filename="../schooldesk/services/care.py" line="65" />
      <source>The end date is before the start date.</source>
      <translation>结束日期早于开始日期。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/care.py" line="69" />
      <location filename="../schooldesk/services/classes.py" line="51" />
      <source>Choose an active teacher.</source>
      <translation>请选择一位在职教师。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/activities.py" line="157" />
      <location filename="../schooldesk/services/care.py" line="85" />
      <location filename="../schooldesk/services/dropout.py" line="92" />
      <location filename="../schooldesk/services/dropout.py" line="155" />
      <location filename="../schooldesk/services/home_teaching.py" line="329" />
      <location filename="../schooldesk/services/mentorship.py" line="322" />
      <location filename="../schooldesk/services/observations.py" line="200" />
      <location filename="../schooldesk/services/outside_observers.py" line="83" />
      <location filename="../schooldesk/services/pupil_file.py" line="66" />
      <location filename="../schooldesk/services/school_visits.py" line="155" />
      <location filename="../schooldesk/services/school_visits.py" line="184" />
      <location filename="../schooldesk/services/support.py" line="116" />
      <location filename="../schooldesk/services/teacher_records.py" line="255" />
      <location filename="../schooldesk/services/users.py" line="85" />
      <source>The record no longer exists.</source>
      <translation>该记录已不存在。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/care.py" line="100" />
      <source>The pupil is already in this category from %1; edit or end that record.</source>
      <translation>该学生自 %1 起已在此类别中；请编辑或结束那条记录。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/mentorship.py" line="186" />
      <location filename="../schooldesk/services/observations.py" line="220" />
      <source>Choose a teacher from the list.</source>
      <translation>请从列表中选择教师。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/observations.py" line="232" />
      <source>%1 is not within a semester; lessons are observed in term time (terms are set in Settings).</source>
      <translation>%1 不在学期内；听课应在学期中（学期日期在“设置”中设定）。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/observations.py" line="241" />
      <source>Choose the rubric the scores are for.</source>
      <translation>请选择评分所用的评价表。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/observations.py" line="245" />
      <location filename="../schooldesk/services/rubrics.py" line="76" />
      <source>The rubric no longer exists.</source>
      <translation>该评价表已不存在。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/observations.py" line="256" />
      <source>The lesson must be taught by one of the school's teachers.</source>
      <translation>执教者必须是本校教师。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/observations.py" line="259" />
      <source>A teacher cannot observe their own lesson.</source>
      <translation>听课人不能是执教者本人。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/classes.py" line="58" />
      <location filename="../schooldesk/services/observations.py" line="261" />
      <source>The class no longer exists.</source>
      <translation>该班级已不存在。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/mentorship.py" line="219" />
      <location filename="../schooldesk/services/observations.py" line="265" />
      <source>Give the subject.</source>
      <translation>请填写学科。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/observations.py" line="268" />
      <source>Give the lesson's title (课题).</source>
      <translation>请填写课题。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/school.py" line="23" />
      <source>Enter the school's name.</source>
      <translation>请填写学校名称。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/school.py" line="25" />
      <source>The school's name is too long.</source>
      <translation>学校名称太长。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/school.py" line="71" />
      <source>The school has not been set up yet.</source>
      <translation>尚未设置学校信息。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/setup.py" line="41" />
      <source>This data folder already holds a school; nothing was changed.</source>
      <translation>此数据文件夹中已有学校，未做任何修改。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/teachers.py" line="28" />
      <source>The list of subjects is too long.</source>
      <translation>任教学科太长。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/teachers.py" line="31" />
      <source>Choose a title from the list.</source>
      <translation>请从列表中选择职称。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/teacher_file.py" line="61" />
      <source>Give the school year as 2025 or 2025-2026.</source>
      <translation>学年请写成 2025 或 2025-2026。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/observation_print.py" line="102" />
      <location filename="../schooldesk/services/teacher_duties.py" line="51" />
      <location filename="../schooldesk/services/teacher_file.py" line="231" />
      <location filename="../schooldesk/services/teachers.py" line="44" />
      <location filename="../schooldesk/services/teachers.py" line="51" />
      <source>The teacher no longer exists.</source>
      <translation>该教师已不存在。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/user_dialog.py" line="27" />
      <location filename="../schooldesk/ui/pages/export.py" line="25" />
      <location filename="../schooldesk/ui/setup_wizard.py" line="90" />
      <source>The two passwords differ.</source>
      <translation>两次输入的密码不一致。</translation>
    </message>
    <message>
      <location filename="../schooldesk/db/backups.py" line="31" />
      <source>The computer's clock may be wrong: it is earlier than the newest backup. Check the date and time; old backups are kept until it is right.</source>
      <translation>电脑时间可能不正确：它早于最新一份备份的时间。请检查日期和时间；在时间改正之前，旧备份都会保留。</translation>
    </message>
    <message>
      <location filename="../schooldesk/db/backups.py" line="33" />
      <source>%1 backups were made while the computer's clock was set forward (to %2); they are dated now, and old backups are rotated again as usual.</source>
      <translation>有%1个备份是在电脑时间被调快（到%2）时做的；现已改为按当前时间标注，旧备份恢复正常轮换。</translation>
    </message>
    <message>
      <location filename="../schooldesk/db/backups.py" line="118" />
      <source>%1 is empty or not a SchoolDesk database; there is nothing to back up.</source>
      <translation>%1 是空文件或不是 SchoolDesk 数据库，没有可备份的内容。</translation>
    </message>
    <message>
      <location filename="../schooldesk/db/sealed_backups.py" line="21" />
      <source>%1 cannot be opened with this password, or it is not a SchoolDesk backup; nothing was changed.</source>
      <translation>无法用这个密码打开 %1，或它不是 SchoolDesk 备份，未做任何修改。</translation>
    </message>
    <message>
      <location filename="../schooldesk/db/sealed_backups.py" line="27" />
      <source>The password must have at least %1 characters.</source>
      <translation>密码至少需要 %1 个字符。</translation>
    </message>
    <message>
      <location filename="../schooldesk/db/backups.py" line="135" />
      <location filename="../schooldesk/db/sealed_backups.py" line="55" />
      <source>The backup could not be written to %1: %2</source>
      <translation>备份无法写入 %1：%2</translation>
    </message>
    <message>
      <location filename="../schooldesk/db/backups.py" line="140" />
      <source>The backup copy in %1 failed its check and was removed.</source>
      <translation>%1 中的备份副本未通过校验，已删除。</translation>
    </message>
    <message>
      <location filename="../schooldesk/db/backups.py" line="145" />
      <source>The backup's photos could not be written to %1: %2</source>
      <translation>备份的照片无法写入 %1：%2</translation>
    </message>
    <message>
      <location filename="../schooldesk/db/restore.py" line="24" />
      <source>%1 is not a SchoolDesk backup; nothing was changed.</source>
      <translation>%1 不是 SchoolDesk 备份，未做任何修改。</translation>
    </message>
    <message>
      <location filename="../schooldesk/db/restore.py" line="31" />
      <source>%1 is not a sound SchoolDesk backup; nothing was changed.</source>
      <translation>%1 不是完好的 SchoolDesk 备份，未做任何修改。</translation>
    </message>
    <message>
      <location filename="../schooldesk/db/restore.py" line="43" />
      <source>This backup comes from a newer version of SchoolDesk (%1); nothing was changed. Install that version, or choose an older backup.</source>
      <translation>这个备份来自更新版本的 SchoolDesk（%1），未做任何修改。请安装该版本，或选择较早的备份。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/login.py" line="22" />
      <source>The user name or password is wrong.</source>
      <translation>用户名或密码错误。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/login.py" line="69" />
      <source>Too many wrong passwords: this account is locked. Try again in %1 minutes.</source>
      <translation>密码错误次数过多，账户已锁定。请 %1 分钟后再试。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/id_number.py" line="52" />
      <source>A 15-digit ID number cannot belong to someone born in %1; enter the 18-character number.</source>
      <translation>%1 年出生的人不会有15位身份证号，请输入18位号码。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/id_number.py" line="59" />
      <source>An ID number has 18 characters; this one has %1.</source>
      <translation>身份证号应为18位，这个是 %1 位。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/id_number.py" line="63" />
      <source>An ID number is 17 digits followed by a digit or X.</source>
      <translation>身份证号由17位数字加一位数字或X组成。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/id_number.py" line="68" />
      <source>Characters 7 to 14 of the ID number are not a real birth date.</source>
      <translation>身份证号第7至14位不是有效的出生日期。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/id_number.py" line="74" />
      <source>The check digit (last character) of this ID number is wrong: it should be %1. Check the number for a typing error.</source>
      <translation>身份证号校验码（最后一位）不对，应为 %1。请检查是否输错。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/id_number.py" line="81" />
      <source>The ID number says the birth date is %1, but the record says %2.</source>
      <translation>身份证号显示出生日期为 %1，但填写的是 %2。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/id_number.py" line="87" />
      <source>The ID number belongs to someone of gender %1, but the record says %2.</source>
      <translation>身份证号显示性别为%1，但填写的是%2。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/pupils.py" line="55" />
      <location filename="../schooldesk/domain/teacher_growth.py" line="32" />
      <location filename="../schooldesk/services/care.py" line="75" />
      <location filename="../schooldesk/services/work_summary.py" line="22" />
      <source>Choose one of: %1.</source>
      <translation>请从以下选项中选择：%1。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/activities.py" line="117" />
      <location filename="../schooldesk/domain/pupils.py" line="64" />
      <location filename="../schooldesk/domain/pupils.py" line="73" />
      <location filename="../schooldesk/services/pupils.py" line="99" />
      <source>At most %1 characters.</source>
      <translation>最多 %1 个字符。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/pupils.py" line="84" />
      <source>A student number is letters and digits, at most 30.</source>
      <translation>学籍号由字母和数字组成，最多30位。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/pupils.py" line="88" />
      <source>This G student number does not match the ID number.</source>
      <translation>G开头的学籍号与身份证号不一致。</translation>
    </message>
    <message>
      <location filename="../schooldesk/exports/files.py" line="21" />
      <location filename="../schooldesk/exports/files.py" line="35" />
      <source>%1 is not a file that can be written to.</source>
      <translation>%1 不是可以写入的文件。</translation>
    </message>
    <message>
      <location filename="../schooldesk/exports/bundle_writing.py" line="25" />
      <location filename="../schooldesk/exports/files.py" line="23" />
      <location filename="../schooldesk/exports/files.py" line="37" />
      <source>Do not save exports inside SchoolDesk's data folder (%1); choose another folder.</source>
      <translation>不能把导出文件保存在 SchoolDesk 的数据文件夹（%1）中，请另选文件夹。</translation>
    </message>
    <message>
      <location filename="../schooldesk/exports/bundle_writing.py" line="26" />
      <source>%1 is open in another program (Excel, WPS or a PDF reader). Close it and export again; the bundle already there was left as it was.</source>
      <translation>%1 正在被其他程序（Excel、WPS 或 PDF 阅读器）打开。请先关闭它再导出；U盘上原有的报送材料未作改动。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/data.py" line="84" />
      <location filename="../schooldesk/exports/files.py" line="26" />
      <source>The folder %1 does not exist (is the USB stick plugged in?).</source>
      <translation>文件夹 %1 不存在（U盘是否已插好？）。</translation>
    </message>
    <message>
      <location filename="../schooldesk/exports/files.py" line="43" />
      <source>%1 could not be written: it may be open in Excel or another program, or the folder is read-only. Close it and try again.</source>
      <translation>无法写入 %1：该文件可能正在 Excel 或其他程序中打开，或文件夹为只读。请关闭后重试。</translation>
    </message>
    <message>
      <location filename="../schooldesk/exports/files.py" line="53" />
      <source>%1 could not be written: %2. Check that the disk or USB stick is plugged in, writable and not full.</source>
      <translation>无法写入 %1：%2。请检查磁盘或U盘是否插好、可写且未满。</translation>
    </message>
    <message>
      <location filename="../schooldesk/imports/pupil_rows.py" line="85" />
      <source>No header row was found in sheet %1: the first rows must name the columns, including 姓名 and at least two of 性别, 出生日期, 身份证件号, 学籍号, 班级.</source>
      <translation>工作表“%1”中找不到表头：前几行须写明列名，包括“姓名”以及“性别、出生日期、身份证件号、学籍号、班级”中的至少两项。</translation>
    </message>
    <message>
      <location filename="../schooldesk/imports/pupil_rows.py" line="138" />
      <location filename="../schooldesk/imports/teacher_rows.py" line="58" />
      <source>"%1" is not one of the known values (%2); the cell was left out.</source>
      <translation>“%1”不是可识别的值（%2），此单元格未导入。</translation>
    </message>
    <message>
      <location filename="../schooldesk/imports/list_rows.py" line="50" />
      <location filename="../schooldesk/imports/pupil_rows.py" line="149" />
      <source>The cell holds the Excel error %1 (a formula that failed); correct it and import again.</source>
      <translation>该单元格是 Excel 错误值 %1（公式出错），请改正后重新导入。</translation>
    </message>
    <message>
      <location filename="../schooldesk/imports/list_rows.py" line="103" />
      <location filename="../schooldesk/imports/pupil_rows.py" line="156" />
      <source>The name is empty.</source>
      <translation>姓名为空。</translation>
    </message>
    <message>
      <location filename="../schooldesk/imports/catchment_rows.py" line="64" />
      <location filename="../schooldesk/imports/pupil_rows.py" line="164" />
      <source>"%1" is not a date; write it as 2015-03-04.</source>
      <translation>“%1”不是日期，请写成 2015-03-04。</translation>
    </message>
    <message>
      <location filename="../schooldesk/imports/pupil_rows.py" line="191" />
      <source>"%1" is not a distance in km; the cell was left out.</source>
      <translation>“%1”不是以公里计的距离，此单元格未导入。</translation>
    </message>
    <message>
      <location filename="../schooldesk/imports/catchment_rows.py" line="58" />
      <location filename="../schooldesk/imports/pupil_rows.py" line="219" />
      <location filename="../schooldesk/imports/teacher_rows.py" line="46" />
      <source>"%1" is not a gender; write 男 or 女.</source>
      <translation>“%1”不是性别，请填“男”或“女”。</translation>
    </message>
    <message>
      <location filename="../schooldesk/imports/catchment_rows.py" line="69" />
      <location filename="../schooldesk/imports/pupil_rows.py" line="225" />
      <source>Excel stored this ID number as a number and lost its last digits (it shows %1). Format the column as text and type the number again.</source>
      <translation>Excel 把这个身份证号存成了数字，最后几位已丢失（显示为 %1）。请把该列设为“文本”格式后重新输入号码。</translation>
    </message>
    <message>
      <location filename="../schooldesk/imports/pupil_rows.py" line="282" />
      <source>The class "%1" was not understood (write e.g. 三年级(2)班); the pupil was imported without a class.</source>
      <translation>无法识别班级“%1”（请写成如“三年级(2)班”），该学生已导入但未分班。</translation>
    </message>
    <message>
      <location filename="../schooldesk/imports/pupil_rows.py" line="287" />
      <source>Class %1 is given without a grade (no 年级 and no 入学年月), so it is not known which class it is; the pupil was imported without a class.</source>
      <translation>班号%1没有对应的年级（既无“年级”也无“入学年月”），无法确定是哪个班；该生已导入，但未分班。</translation>
    </message>
    <message>
      <location filename="../schooldesk/imports/pupil_rows.py" line="298" />
      <source>"%1" is not a month (write e.g. 2021-09 or 202109).</source>
      <translation>“%1”不是有效的年月（请写成 2021-09 或 202109）。</translation>
    </message>
    <message>
      <location filename="../schooldesk/imports/pupil_rows.py" line="306" />
      <source>"%1" is not yes or no (是/否); the cell was left out.</source>
      <translation>“%1”不是“是/否”，此单元格未导入。</translation>
    </message>
    <message>
      <location filename="../schooldesk/imports/spreadsheet.py" line="53" />
      <source>The file %1 does not exist.</source>
      <translation>文件 %1 不存在。</translation>
    </message>
    <message>
      <location filename="../schooldesk/imports/spreadsheet.py" line="56" />
      <source>The file %1 cannot be read: %2</source>
      <translation>无法读取文件 %1：%2</translation>
    </message>
    <message>
      <location filename="../schooldesk/imports/spreadsheet.py" line="62" />
      <source>%1 is protected by a password. Open it in Excel or WPS, remove the password, save, and import again.</source>
      <translation>“%1”设有密码保护。请在 Excel 或 WPS 中打开，取消密码并保存后再导入。</translation>
    </message>
    <message>
      <location filename="../schooldesk/imports/spreadsheet.py" line="67" />
      <source>%1 is not an Excel workbook (.xlsx or .xls).</source>
      <translation>“%1”不是 Excel 工作簿（.xlsx 或 .xls）。</translation>
    </message>
    <message>
      <location filename="../schooldesk/imports/spreadsheet.py" line="86" />
      <location filename="../schooldesk/imports/spreadsheet.py" line="154" />
      <source>%1 is damaged or not an Excel workbook.</source>
      <translation>“%1”已损坏或不是 Excel 工作簿。</translation>
    </message>
    <message>
      <location filename="../schooldesk/imports/spreadsheet.py" line="97" />
      <location filename="../schooldesk/imports/spreadsheet.py" line="143" />
      <source>The workbook has no sheet named %1.</source>
      <translation>工作簿中没有名为 %1 的工作表。</translation>
    </message>
    <message>
      <location filename="../schooldesk/imports/spreadsheet.py" line="118" />
      <source>Sheet %1 has more than %2 rows; no school's roster is that long. Split the file or remove what is not pupils.</source>
      <translation>工作表 %1 超过 %2 行，不可能是一所学校的名册。请拆分文件，或删除不是学生的内容。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/teacher_growth.py" line="39" />
      <location filename="../schooldesk/services/activities.py" line="197" />
      <location filename="../schooldesk/services/dropout.py" line="98" />
      <location filename="../schooldesk/services/home_teaching.py" line="298" />
      <location filename="../schooldesk/services/mentorship.py" line="286" />
      <location filename="../schooldesk/services/observations.py" line="226" />
      <location filename="../schooldesk/services/school_visits.py" line="116" />
      <location filename="../schooldesk/services/support.py" line="89" />
      <source>The date is in the future.</source>
      <translation>日期晚于今天。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/dropout.py" line="114" />
      <source>This pupil already has an open case; add a visit to it.</source>
      <translation>该学生已有未结案的记录，请在其中添加劝返记录。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/dropout.py" line="143" />
      <source>Say who went.</source>
      <translation>请填写参加人员。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/dropout.py" line="145" />
      <source>The visit is before the case started.</source>
      <translation>劝返日期早于辍学开始日期。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/dropout.py" line="157" />
      <source>This visit was recorded as a home visit (家访); correct or delete it on the activity records page.</source>
      <translation>这条劝返记录是作为家访录入的，请在“活动记录”页面修改或删除。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/dropout.py" line="207" />
      <source>Enter the school the pupil moved to.</source>
      <translation>请填写转入的学校。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/activities.py" line="238" />
      <location filename="../schooldesk/services/dropout.py" line="211" />
      <source>The case is already closed.</source>
      <translation>此案已结案。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/dropout.py" line="213" />
      <source>The case cannot close before it started.</source>
      <translation>结案日期不能早于开始日期。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/pupil_import.py" line="68" />
      <source>The school year %1 has not been set up; the school's years are: %2.</source>
      <translation>学年 %1 尚未设置；本校已设置的学年：%2。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/pupil_import.py" line="169" />
      <source>The row has neither an ID number nor a student number, so the pupil cannot be matched.</source>
      <translation>此行既无身份证件号也无学籍号，无法识别是哪名学生。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/pupil_import.py" line="188" />
      <source>%1 in %2 is not a grade of this %3 (%4 to %5): is the roster of another school year? The row was not imported.</source>
      <translation>%2的%1不是本%3的年级（%4至%5）：这份名册是否是别的学年的？该行未导入。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/pupil_import.py" line="230" />
      <source>This number belongs to another pupil on file (%1).</source>
      <translation>此号码属于系统中的另一名学生（%1）。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/pupil_import.py" line="242" />
      <source>入学年月 %1 gives no grade of compulsory education in %2; the pupil was imported without a class.</source>
      <translation>入学年月%1在%2不对应义务教育阶段的年级；该生已导入，但未分班。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/pupils.py" line="102" />
      <source>The birth date is not plausible for a pupil.</source>
      <translation>出生日期不合常理。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/pupils.py" line="104" />
      <source>The distance must be 0 to 200 km.</source>
      <translation>距离应在0到200公里之间。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/pupils.py" line="131" />
      <source>Another pupil (%1) already has this ID number.</source>
      <translation>另一名学生（%1）已使用此身份证号。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/pupils.py" line="133" />
      <source>Another pupil (%1) already has this student number.</source>
      <translation>另一名学生（%1）已使用此学籍号。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/pupils.py" line="176" />
      <source>Choose a class of this school year.</source>
      <translation>请选择本学年的班级。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/pupils.py" line="296" />
      <source>The pupil no longer exists.</source>
      <translation>该学生已不存在。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/frequency.py" line="64" />
      <location filename="../schooldesk/domain/home_teaching.py" line="56" />
      <location filename="../schooldesk/services/school_rules.py" line="44" />
      <source>Choose how often from the list.</source>
      <translation>请从列表中选择频率。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/school_rules.py" line="65" />
      <source>Give a number of days from 1 to 30.</source>
      <translation>请填写 1 到 30 之间的天数。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/home_teaching.py" line="58" />
      <source>The number of visits must be between %1 and %2.</source>
      <translation>送教次数必须在 %1 到 %2 之间。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/home_teaching.py" line="61" />
      <source>The lesson periods per visit must be between %1 and %2.</source>
      <translation>每次课时数必须在 %1 到 %2 之间。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/home_teaching.py" line="64" />
      <source>A lesson period must last between %1 and %2 minutes.</source>
      <translation>每课时必须在 %1 到 %2 分钟之间。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/home_teaching.py" line="83" />
      <source>The visit must end after it starts.</source>
      <translation>结束时间必须晚于开始时间。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/observation_print.py" line="30" />
      <location filename="../schooldesk/services/semesters.py" line="66" />
      <source>No school year is set up yet; run the set-up first.</source>
      <translation>尚未设置学年，请先完成初始设置。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/support.py" line="91" />
      <source>Choose the teacher who gave the support from the list. A teacher not on it is added with “New teacher…” at the end of the list, or on the Teachers page (several at once from Excel).</source>
      <translation>请从列表中选择帮扶教师。列表中没有的教师，可选列表末尾的“新增教师…”添加，或在“教师”页面添加（可从 Excel 一次导入多名）。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/support.py" line="96" />
      <source>Say what was done.</source>
      <translation>请填写帮扶内容。</translation>
    </message>
    <message>
      <location filename="../schooldesk/db/photo_store.py" line="63" />
      <source>The picture %1 is larger than 60 MB.</source>
      <translation>图片 %1 超过 60 MB。</translation>
    </message>
    <message>
      <location filename="../schooldesk/db/photo_store.py" line="74" />
      <source>%1 is not a picture SchoolDesk can read (JPEG, PNG, BMP, GIF, WebP, TIFF).</source>
      <translation>%1 不是可读取的图片（支持 JPEG、PNG、BMP、GIF、WebP、TIFF）。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/photos.py" line="77" />
      <source>A record can keep at most %1 photos.</source>
      <translation>一条记录最多保存 %1 张照片。</translation>
    </message>
    <message>
      <location filename="../schooldesk/db/photo_store.py" line="78" />
      <location filename="../schooldesk/services/photos.py" line="200" />
      <source>The picture %1 cannot be read: %2</source>
      <translation>无法读取图片 %1：%2</translation>
    </message>
    <message>
      <location filename="../schooldesk/db/photo_store.py" line="86" />
      <source>The photo could not be saved in %1: %2</source>
      <translation>照片无法保存到 %1：%2</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/home_teaching_log.py" line="69" />
      <source>Visit %1 is not in this child's log.</source>
      <translation>该学生的送教记录中没有编号为 %1 的记录。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/home_teaching.py" line="151" />
      <source>The plan no longer exists.</source>
      <translation>该送教计划已不存在。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/semesters.py" line="92" />
      <location filename="../schooldesk/services/teacher_file.py" line="69" />
      <source>%1 has not been set up; set its dates in Settings first.</source>
      <translation>%1 尚未设置，请先在“设置”中填写学期日期。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/home_teaching.py" line="215" />
      <source>Choose at least one teacher.</source>
      <translation>请至少选择一名教师。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/activities.py" line="180" />
      <source>Choose the organiser or a teacher who took part.</source>
      <translation>请选择组织者或参加的教师。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/activities.py" line="183" />
      <location filename="../schooldesk/services/home_teaching.py" line="218" />
      <source>A chosen teacher no longer exists.</source>
      <translation>所选教师已不存在。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/activities.py" line="187" />
      <source>A chosen pupil no longer exists.</source>
      <translation>所选学生已不存在。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/activities.py" line="195" />
      <source>This kind is no longer used; choose another.</source>
      <translation>该类别已停用，请选择其他类别。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/activities.py" line="199" />
      <source>The activity must end after it starts.</source>
      <translation>活动结束时间应晚于开始时间。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/activities.py" line="202" />
      <source>Give the activity a title.</source>
      <translation>请填写活动名称。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/activities.py" line="205" />
      <source>Choose the pupil or pupils visited.</source>
      <translation>请选择家访的学生。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/activities.py" line="235" />
      <source>Only a home visit to the pupil of an open dropout case can be its persuade-to-return visit.</source>
      <translation>只有对未结案辍学学生的家访才能作为其劝返记录。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/observation.py" line="53" />
      <location filename="../schooldesk/services/home_teaching.py" line="225" />
      <location filename="../schooldesk/services/teacher_duties.py" line="48" />
      <source>“%1” is not one of the choices.</source>
      <translation>“%1”不是可选项。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/home_teaching.py" line="232" />
      <source>The plan must end after it starts.</source>
      <translation>计划结束日期必须晚于开始日期。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/home_teaching.py" line="235" />
      <source>The plan must lie within the semester (%1 to %2).</source>
      <translation>计划必须在本学期之内（%1 至 %2）。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/home_teaching.py" line="240" />
      <source>A visit on %1 would fall outside the plan.</source>
      <translation>%1 的送教记录将落在计划期间之外。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/home_teaching.py" line="245" />
      <source>Tick at least one goal.</source>
      <translation>请至少勾选一项送教目标。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/home_teaching.py" line="263" />
      <source>%1 already has a plan for %2.</source>
      <translation>%1 在 %2 已有送教计划。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/home_teaching.py" line="287" />
      <source>This plan has %1 visits logged; delete them first if the plan really was a mistake.</source>
      <translation>该计划已登记 %1 次送教；如确属误建，请先删除这些送教记录。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/photos.py" line="65" />
      <location filename="../schooldesk/services/photos.py" line="163" />
      <source>A photo no longer exists.</source>
      <translation>有一张照片已不存在。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/home_teaching.py" line="300" />
      <source>The date must lie within the plan (%1 to %2).</source>
      <translation>日期必须在计划期间之内（%1 至 %2）。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/home_teaching.py" line="306" />
      <source>A visit on %1 from %2 is already logged.</source>
      <translation>%1 %2 开始的送教已登记，时间重叠。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/home_teaching.py" line="311" />
      <source>Tick what the visit was about.</source>
      <translation>请勾选送教内容类别。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/home_teaching.py" line="314" />
      <source>Say what was taught.</source>
      <translation>请填写送教的具体内容。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/pupils.py" line="356" />
      <source>No pupil has the student or ID number %1.</source>
      <translation>没有学籍号或身份证件号为 %1 的学生。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/home_teaching_log.py" line="105" />
      <source>%1 has no home-teaching plan for %2.</source>
      <translation>%1 在 %2 没有送教上门计划。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/print_settings.py" line="32" />
      <source>%1 is not a TrueType font that can be embedded in a PDF (choose a .ttf or .ttc file).</source>
      <translation>%1 不是可嵌入 PDF 的 TrueType 字体（请选择 .ttf 或 .ttc 文件）。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/home_teaching_dialogs.py" line="112" />
      <source>Choose the child from the list.</source>
      <translation>请从列表中选择学生。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/access.py" line="41" />
      <source>Your account (%1) may not do this; ask the school office or an administrator.</source>
      <translation>您的账号（%1）无权进行此操作，请联系学校办公室或管理员。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/access.py" line="42" />
      <source>Teachers may only change their own records.</source>
      <translation>教师只能修改自己的记录。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/access.py" line="43" />
      <source>Nobody is signed in, so this cannot be done. Sign in to SchoolDesk first.</source>
      <translation>没有登录的用户，不能进行此操作。请先登录 SchoolDesk。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/users.py" line="63" />
      <source>Choose a role from the list.</source>
      <translation>请从列表中选择角色。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/users.py" line="65" />
      <source>A teacher's account must be linked to the teacher.</source>
      <translation>教师账号必须关联到对应的教师。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/users.py" line="96" />
      <location filename="../schooldesk/services/users.py" line="106" />
      <source>The school needs at least one active administrator.</source>
      <translation>学校至少需要一名在用的管理员。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/users.py" line="139" />
      <source>The recovery code is wrong.</source>
      <translation>恢复码错误。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/monthly_report.py" line="73" />
      <source>Give the month as YYYY-MM, e.g. 2026-10.</source>
      <translation>月份请写成“年-月”的形式，例如 2026-10。</translation>
    </message>
    <message>
      <location filename="../schooldesk/exports/registers.py" line="139" />
      <source>There is no register named %1; choose one of: %2.</source>
      <translation>没有名为 %1 的台账，请从以下名称中选择：%2。</translation>
    </message>
    <message>
      <location filename="../schooldesk/exports/pdf_form.py" line="47" />
      <source>No Chinese TrueType font was found, so the font is not embedded: another computer may show it in a different font. Choose a font in Settings.</source>
      <translation>没有找到可嵌入的中文 TrueType 字体，PDF 未嵌入字体，在别的电脑上可能显示为其他字体。请在“设置”中选择字体。</translation>
    </message>
    <message>
      <location filename="../schooldesk/exports/pdf_form.py" line="50" />
      <source>The font has no glyph for %1; they are printed as □. Write them in by hand, or choose a font that has them in Settings (e.g. SimSun-ExtB).</source>
      <translation>字体中没有“%1”这些字，已印成 □。请打印后手写补上，或在“设置”中选择含有这些字的字体（如 SimSun-ExtB）。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/shared.py" line="89" />
      <source>The file name must end in %1.</source>
      <translation>文件名必须以 %1 结尾。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/exports.py" line="64" />
      <source>Name a register and give --out (schooldesk export-register --list shows the names).</source>
      <translation>请写出台账名称并用 --out 指定文件（schooldesk export-register --list 可列出名称）。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/audit.py" line="90" />
      <source>Audit trail BROKEN: the entries after no. %1 were removed.</source>
      <translation>审计日志已被破坏：第 %1 条之后的记录被删除。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/audit.py" line="93" />
      <source>Audit trail BROKEN at entry no. %1: it was changed, inserted, or an entry before it removed.</source>
      <translation>审计日志已被破坏：第 %1 条被修改、插入，或其前面的记录被删除。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/audit.py" line="96" />
      <source>Audit trail intact (%1 entries).</source>
      <translation>审计日志完整（%1 条）。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/new_school_year.py" line="156" />
      <source>The school year %1 has already been started (it has classes, e.g. %2); it cannot be started twice. Change next year's classes on the Classes page.</source>
      <translation>%1已经开始（已有班级，如%2），新学年不能重复开始。请在“班级”页修改新学年的班级。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/new_school_year.py" line="164" />
      <source>The school year %1 has no classes to move up from.</source>
      <translation>%1没有可升级的班级。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/moving_up.py" line="27" />
      <source>Choose the kind of school from the list.</source>
      <translation>请从列表中选择学校类型。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/moving_up.py" line="44" />
      <source>%1 cannot be chosen for a pupil of this grade.</source>
      <translation>该年级的学生不能选择“%1”。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/errors.py" line="42" />
      <source>Stopped; nothing of it was kept.</source>
      <translation>已停止，未保留任何内容。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/rubrics.py" line="197" />
      <location filename="../schooldesk/ui/dialogs/rubric_dialog.py" line="64" />
      <source>The weight of “%1” must be from 1 to %2.</source>
      <translation>“%1”的权重应为 1 到 %2。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/observations.py" line="43" />
      <source>No single teacher is called “%1”.</source>
      <translation>找不到唯一一位名为“%1”的教师。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/rubrics.py" line="67" />
      <source>Write the grades like “优 90，良 80，合格 60，不合格”: each grade with its lowest score, the last without.</source>
      <translation>请按“优 90，良 80，合格 60，不合格”的格式填写：每个等级写上最低分，最后一个等级不写分数。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/rubrics.py" line="73" />
      <source>“%1” needs a grade and its lowest score, e.g. 良 80.</source>
      <translation>“%1”应写等级和最低分，例如“良 80”。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/rubrics.py" line="77" />
      <source>The last grade is for every lower score and takes no number (e.g. 不合格).</source>
      <translation>最后一个等级用于更低的分数，不写分数（例如“不合格”）。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/rubrics.py" line="81" />
      <source>Give the grades from the highest score down.</source>
      <translation>请按分数从高到低填写等级。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/rubrics.py" line="84" />
      <source>Each grade may appear only once.</source>
      <translation>每个等级只能出现一次。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/observation.py" line="55" />
      <location filename="../schooldesk/domain/rubrics.py" line="123" />
      <source>Rate “%1” with one of %2.</source>
      <translation>“%1”请评为%2之一。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/rubrics.py" line="129" />
      <source>“%1” is not a number.</source>
      <translation>“%1”不是数字。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/rubrics.py" line="131" />
      <source>“%1” scores from 0 to %2.</source>
      <translation>“%1”的得分应在 0 到 %2 之间。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/rubrics.py" line="134" />
      <source>Give the score to at most one decimal.</source>
      <translation>得分最多保留一位小数。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/rubrics.py" line="158" />
      <source>The scores do not match the rubric's items.</source>
      <translation>评分与评价表的项目不对应。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/rubrics.py" line="164" />
      <location filename="../schooldesk/services/mentorship_assessment.py" line="110" />
      <source>Score “%1” too, or leave every item blank.</source>
      <translation>请给“%1”也评分，或所有项目都不评分。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/rubrics.py" line="184" />
      <source>Give the rubric a name of at most %1 characters.</source>
      <translation>请给评价表起名，不超过 %1 个字。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/rubrics.py" line="186" />
      <source>Choose how items are scored from the list.</source>
      <translation>请从列表中选择评分方式。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/rubrics.py" line="188" />
      <source>A rubric has from 1 to %1 items.</source>
      <translation>评价表应有 1 到 %1 个项目。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/rubrics.py" line="191" />
      <source>Every item needs a name of at most %1 characters.</source>
      <translation>每个项目都要有名称，不超过 %1 个字。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/rubrics.py" line="193" />
      <source>Two items are both called “%1”.</source>
      <translation>有两个项目都叫“%1”。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/rubrics.py" line="200" />
      <source>A grade of “%1” asks for more than its %2 points.</source>
      <translation>“%1”的等级分数超过了该项满分 %2 分。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/rubrics.py" line="203" />
      <source>Choose the rating labels from the list.</source>
      <translation>请从列表中选择等级名称。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/rubrics.py" line="206" />
      <source>A grade asks for more than the rubric's %1 points.</source>
      <translation>有等级的分数超过了评价表满分 %1 分。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/observation.py" line="97" />
      <source>The lessons for %1 must be from %2 to %3.</source>
      <translation>%1的听课节数应为 %2 到 %3。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/observation.py" line="161" />
      <source>The lesson period must be from %1 to %2.</source>
      <translation>节次应为第 %1 到第 %2 节。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/mentorship_print.py" line="63" />
      <source>{%1} is not a placeholder; use %2.</source>
      <translation>{%1} 不是占位符；可用：%2。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/mentorship_print.py" line="66" />
      <source>The agreement needs some text.</source>
      <translation>协议书不能为空。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/mentorship.py" line="120" />
      <source>The pair no longer exists.</source>
      <translation>该师徒结对已不存在。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/mentorship.py" line="194" />
      <source>The mentor and the apprentice must be two people.</source>
      <translation>师傅和徒弟不能是同一人。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/mentorship.py" line="199" />
      <source>%1 and %2 are already paired this school year.</source>
      <translation>%1和%2本学年已经结对。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/mentorship.py" line="203" />
      <source>The agreement date must lie within the school year (%1 to %2).</source>
      <translation>协议日期应在本学年内（%1 至 %2）。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/mentorship.py" line="208" />
      <source>Give the date the pairing ended (on or after the agreement date).</source>
      <translation>请填写结对结束的日期（不早于协议日期）。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/mentorship.py" line="211" />
      <source>Say why the pairing was ended.</source>
      <translation>请说明解除结对的原因。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/mentorship.py" line="215" />
      <source>A record on %1 would fall outside the pairing.</source>
      <translation>%1 的记录将落在结对期间之外。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/mentorship.py" line="256" />
      <source>This pair has %1 guidance records; end the pairing (解除) rather than delete it.</source>
      <translation>该结对已有 %1 条指导记录；请改为“解除”，不要删除。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/mentorship.py" line="288" />
      <source>The date must lie within the pairing (%1 to %2).</source>
      <translation>日期应在结对期间内（%1 至 %2）。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/mentorship.py" line="294" />
      <source>Give the lesson's title or the topic.</source>
      <translation>请填写课题或主题。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/mentorship.py" line="83" />
      <source>Keep at least one target.</source>
      <translation>至少保留一项目标。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/mentorship.py" line="86" />
      <source>Each target needs a name, how often, and a number from 1 to 99.</source>
      <translation>每项目标都要有名称、周期和 1 到 99 的次数。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/mentorship.py" line="89" />
      <source>Choose the kinds of record from the list.</source>
      <translation>请从列表中选择记录类别。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/activities.py" line="29" />
      <source>Choose a pupil in the filter (or a record with a pupil) first.</source>
      <translation>请先在筛选中选择学生（或选中一条有学生的记录）。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/activity_kinds.py" line="36" />
      <location filename="../schooldesk/services/activity_print.py" line="71" />
      <location filename="../schooldesk/services/frequency_targets.py" line="68" />
      <source>The kind of activity no longer exists.</source>
      <translation>该活动类别已不存在。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/activity_kinds.py" line="51" />
      <source>Give the kind a name no other kind has.</source>
      <translation>请为类别取一个与其他类别不同的名称。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/activity_kinds.py" line="77" />
      <source>The field no longer exists.</source>
      <translation>该字段已不存在。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/activities.py" line="87" />
      <source>A field needs a label of at most %1 characters.</source>
      <translation>字段名称不能为空，且不超过 %1 个字。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/activities.py" line="89" />
      <source>Choose the field's type from the list.</source>
      <translation>请从列表中选择字段类型。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/activities.py" line="92" />
      <source>A choice needs at least two options.</source>
      <translation>选项类字段至少要有两个选项。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/activities.py" line="94" />
      <source>The kind already has a field “%1”.</source>
      <translation>该类别已有字段“%1”。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/activities.py" line="96" />
      <source>The field's key is not valid.</source>
      <translation>字段标识无效。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/activities.py" line="119" />
      <source>“%1” needs a whole number.</source>
      <translation>“%1”应填写整数。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/activities.py" line="124" />
      <source>“%1” needs a date.</source>
      <translation>“%1”应填写日期。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/activities.py" line="126" />
      <source>Answer “%1” with 是 or 否.</source>
      <translation>“%1”请填“是”或“否”。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/activities.py" line="128" />
      <source>Choose “%1” from the list.</source>
      <translation>请从列表中选择“%1”。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/activities.py" line="175" />
      <source>Give a number from %1 to %2 (0: no target).</source>
      <translation>请填写 %1 到 %2 的数字（0 表示不要求）。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/export.py" line="213" />
      <source>Choose a USB stick or a folder to write to.</source>
      <translation>请选择要写入的U盘或文件夹。</translation>
    </message>
    <message>
      <location filename="../schooldesk/exports/bundle_writing.py" line="29" />
      <source>%1 cannot be read as a SchoolDesk bundle: damaged or cut short, not a bundle, or a wrong password.</source>
      <translation>%1 无法作为报送材料读取：文件已损坏或不完整、不是报送材料，或密码错误。</translation>
    </message>
    <message>
      <location filename="../schooldesk/exports/bundle.py" line="31" />
      <source>The bundle needs %1 MB but %2 has only %3 MB free. Use another USB stick or free some space.</source>
      <translation>报送材料需要 %1 MB，但 %2 只剩 %3 MB。请换一个U盘或腾出空间。</translation>
    </message>
    <message>
      <location filename="../schooldesk/exports/bundle.py" line="32" />
      <source>%1 cannot be written: it is read-only or protected. Choose another folder or USB stick.</source>
      <translation>%1 无法写入：只读或受保护。请换一个文件夹或U盘。</translation>
    </message>
    <message>
      <location filename="../schooldesk/exports/bundle.py" line="33" />
      <source>%1 is no longer there (was the USB stick pulled out?). Nothing of the bundle was kept.</source>
      <translation>找不到 %1（U盘是否已拔出？）。报送材料未保留任何部分。</translation>
    </message>
    <message>
      <location filename="../schooldesk/exports/bundle.py" line="34" />
      <source>Writing to %1 failed: %2. Nothing of the bundle was kept.</source>
      <translation>写入 %1 失败：%2。报送材料未保留任何部分。</translation>
    </message>
    <message>
      <location filename="../schooldesk/exports/bundle.py" line="35" />
      <source>The bundle written to %1 does not read back as written (%2 files differ); it was removed. The USB stick may be faulty.</source>
      <translation>写入 %1 的报送材料读回时与写入的不一致（%2 个文件不同），已删除。U盘可能有问题。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/catchment_import.py" line="108" />
      <location filename="../schooldesk/services/teacher_import.py" line="60" />
      <source>%1 is on the list twice (row %2 too); this row was skipped.</source>
      <translation>%1在名单中出现两次（另见第 %2 行）；此行已跳过。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/catchment_import.py" line="130" />
      <source>%1 of %2 ID numbers on this list were issued outside %3 (most of them in %4): is it the list of another town?</source>
      <translation>名单中 %2 个身份证号有 %1 个不属于%3（多为%4）：是否是别的乡镇的名单？</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/teacher_import.py" line="78" />
      <source>The gender is empty; write 男 or 女.</source>
      <translation>性别为空；请填写男或女。</translation>
    </message>
    <message>
      <location filename="../schooldesk/imports/teacher_rows.py" line="38" />
      <source>No header row was found in sheet %1: the first rows must name the columns, including 姓名 and at least one of 性别, 任教学科, 联系电话, 职务.</source>
      <translation>工作表 %1 中找不到表头：前几行须写明列名，包括姓名，以及性别、任教学科、联系电话、职务中的至少一项。</translation>
    </message>
    <message>
      <location filename="../schooldesk/imports/teacher_rows.py" line="64" />
      <source>"%1" is not a duty SchoolDesk knows (%2); it was left out, the others kept.</source>
      <translation>“%1”不是 SchoolDesk 认识的职务（%2）；已略去，其余职务保留。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/catchment.py" line="124" />
      <source>Give the day from which it is offered.</source>
      <translation>请填写自哪一天起使用。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/catchment.py" line="188" />
      <location filename="../schooldesk/services/catchment.py" line="197" />
      <source>The child is no longer on the list.</source>
      <translation>该儿童已不在名单中。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/catchment.py" line="206" />
      <source>The date cannot be in the future.</source>
      <translation>日期不能晚于今天。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/catchment.py" line="210" />
      <source>Name the school the child attends.</source>
      <translation>请填写就读学校。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/catchment.py" line="221" />
      <source>Say who verified it.</source>
      <translation>请填写核实人。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/catchment.py" line="246" />
      <location filename="../schooldesk/services/catchment.py" line="257" />
      <location filename="../schooldesk/services/catchment.py" line="288" />
      <source>The verification no longer exists.</source>
      <translation>该核实记录已不存在。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/catchment.py" line="290" />
      <source>A 劝返 case is opened for a child found 辍学 or 未入学.</source>
      <translation>只有去向为辍学或未入学的儿童才能开立劝返案例。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/catchment.py" line="314" />
      <source>The list gives no gender for %1; correct the child's details first.</source>
      <translation>名单中没有%1的性别，请先更正该儿童的信息。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/catchment.py" line="333" />
      <source>The child is matched to no pupil.</source>
      <translation>该儿童未与任何学生匹配。</translation>
    </message>
    <message>
      <location filename="../schooldesk/imports/catchment_rows.py" line="45" />
      <source>No header row was found in sheet %1: the first rows must name the columns, including 姓名 and at least two of 村（组）, 性别, 出生日期, 公民身份号码.</source>
      <translation>工作表 %1 中找不到表头行：前几行须写明列名，包括“姓名”以及“村（组）”“性别”“出生日期”“公民身份号码”中的至少两项。</translation>
    </message>
    <message>
      <location filename="../schooldesk/imports/catchment_rows.py" line="89" />
      <source>The ID number is blank: the child is kept and flagged 信息错误待更正.</source>
      <translation>身份证号为空：该儿童已保留，并标记为“信息错误待更正”。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/catchment.py" line="100" />
      <source>Give the destination a name of 1 to 20 characters.</source>
      <translation>去向名称须为 1 至 20 个字。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/catchment.py" line="102" />
      <source>There is already a destination named %1.</source>
      <translation>已有名为%1的去向。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/catchment.py" line="104" />
      <source>Choose how the destination counts.</source>
      <translation>请选择该去向的统计类别。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/phone_photos.py" line="24" />
      <source>There is no record %1 (it may have been deleted).</source>
      <translation>没有记录 %1（可能已被删除）。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/phone_photos.py" line="45" />
      <source>Name the record as KIND:ID, KIND one of %1 (e.g. activity:12).</source>
      <translation>请用“类别:编号”指定记录，类别为 %1 之一（如 activity:12）。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/phone_photos.py" line="86" />
      <source>Record where %1 is (去向) first; the photos are its proof.</source>
      <translation>请先核实%1的去向，照片是去向的证明。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/phone_receiver.py" line="105" />
      <source>The port %1 on %2 cannot be used: %3</source>
      <translation>无法使用 %2 上的端口 %1：%3</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/photos.py" line="42" />
      <source>The record already has the most photos it can keep.</source>
      <translation>该记录的照片已达上限。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/frequency.py" line="66" />
      <location filename="../schooldesk/domain/frequency.py" line="130" />
      <location filename="../schooldesk/domain/frequency.py" line="134" />
      <source>Give a number from %1 to %2.</source>
      <translation>请填写%1到%2之间的数。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/frequency.py" line="71" />
      <source>Choose the field that names the groups.</source>
      <translation>请选择区分分组的字段。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/frequency.py" line="83" />
      <source>Give the day as MM-DD, e.g. 05-25.</source>
      <translation>日期请写成“月-日”，例如05-25。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/school_visit_dialog.py" line="30" />
      <source>Line %1: write the date as 2026-11-30.</source>
      <translation>第 %1 行：日期请写成 2026-11-30 的形式。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/school_visits.py" line="119" />
      <source>Say who came (names and 单位).</source>
      <translation>请填写来访人员（姓名和单位）。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/school_visits.py" line="121" />
      <source>At most %1 items.</source>
      <translation>最多 %1 项。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/school_visits.py" line="132" />
      <source>“%1” is due before the visit.</source>
      <translation>“%1”的整改期限早于检查日期。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/school_visits.py" line="145" />
      <source>“%1” is closed on a day before the visit or in the future.</source>
      <translation>“%1”的整改完成日期早于检查日期或晚于今天。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/school_visits.py" line="148" />
      <source>Say how “%1” was put right.</source>
      <translation>请填写“%1”的整改情况。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/teacher_records.py" line="124" />
      <source>Name the training programme.</source>
      <translation>请填写培训项目。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/teacher_records.py" line="138" />
      <source>Say what happened.</source>
      <translation>请填写具体情况。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/teacher_records.py" line="145" />
      <source>Name the honour or the competition.</source>
      <translation>请填写荣誉称号或竞赛名称。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/teacher_records.py" line="154" />
      <source>Say where the teacher went.</source>
      <translation>请填写交流（支教）地点。</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/teacher_records.py" line="262" />
      <source>Choose one of the school's teachers.</source>
      <translation>请选择本校教师。</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/teachers.py" line="32" />
      <source>Give --out FILE.pdf (or --json for the counts only).</source>
      <translation>请给出 --out 文件.pdf（或用 --json 只输出统计）。</translation>
    </message>
    <message>
      <location filename="../schooldesk/domain/teacher_growth.py" line="47" />
      <source>Enter the hours (学时), between 0.5 and %1.</source>
      <translation>请填写学时，0.5 到 %1 之间。</translation>
    </message>
    <message>
      <location filename="../schooldesk/exports/bundle_data.py" line="17" />
      <source>changed or incomplete since it was written: %1 files missing, changed or added</source>
      <translation>写出后被改动或不完整：%1 个文件缺失、被改动或多出</translation>
    </message>
    <message>
      <location filename="../schooldesk/exports/bundle_data.py" line="18" />
      <source>made before bundles carried their data (SchoolDesk %1): export it again with this SchoolDesk (%2)</source>
      <translation>由早期版本（SchoolDesk %1）导出，不含数据文件：请用本版 SchoolDesk（%2）重新导出</translation>
    </message>
    <message>
      <location filename="../schooldesk/exports/bundle_data.py" line="20" />
      <source>made by a newer SchoolDesk (%1, data format %2); update SchoolDesk to read it</source>
      <translation>由更新版本的 SchoolDesk（%1，数据格式 %2）导出：请先升级 SchoolDesk</translation>
    </message>
    <message>
      <location filename="../schooldesk/exports/bundle_data.py" line="21" />
      <source>not a SchoolDesk bundle (no school code in its manifest)</source>
      <translation>不是 SchoolDesk 报送材料（清单中没有学校标识码）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/county_merge_window.py" line="26" />
      <source>Add the schools' bundles (folders or zip files) to merge.</source>
      <translation>请先添加要汇总的各校报送材料（文件夹或压缩包）。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/county_merge_window.py" line="27" />
      <source>Choose the folder the merged workbooks go into.</source>
      <translation>请选择汇总表的输出文件夹。</translation>
    </message>
    <message>
      <location filename="../schooldesk/exports/county_merge.py" line="24" />
      <source>a bundle of %1, not of %2 (the semester merged)</source>
      <translation>是%1的材料，不是本次汇总的%2</translation>
    </message>
    <message>
      <location filename="../schooldesk/exports/county_merge.py" line="25" />
      <source>not newer than the bundle of %1 already merged (exported %2)</source>
      <translation>不比已汇总的%1材料（%2导出）新</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/county.py" line="15" />
      <source>No bundle was found in the paths given.</source>
      <translation>所给位置中没有找到报送材料。</translation>
    </message>
    <message>
      <location filename="../schooldesk/imports/school_list.py" line="18" />
      <source>%1 has no header row with 学校标识码 and 学校名称 among its first ten rows.</source>
      <translation>%1 的前十行中没有含“学校标识码”和“学校名称”的表头行。</translation>
    </message>
    <message>
      <location filename="../schooldesk/imports/school_list.py" line="41" />
      <source>The file %1 cannot be read.</source>
      <translation>无法读取文件 %1。</translation>
    </message>
    <message>
      <location filename="../schooldesk/db/county_store.py" line="28" />
      <source>The merge store %1 was made by a newer SchoolDesk (its schema %2). Merge with that SchoolDesk, or choose another store.</source>
      <translation>汇总数据库 %1 由更新版本的 SchoolDesk 建立（结构版本 %2）。请用该版本汇总，或另选汇总数据库。</translation>
    </message>
    <message>
      <location filename="../schooldesk/db/county_store.py" line="30" />
      <source>This SchoolDesk cannot reach a PostgreSQL server (its driver, psycopg, is not installed); merge into the SQLite file instead.</source>
      <translation>本 SchoolDesk 未安装 PostgreSQL 驱动（psycopg），无法连接服务器；请改为汇总到本机数据库文件。</translation>
    </message>
    <message>
      <location filename="../schooldesk/db/county_store.py" line="32" />
      <source>The merge store %1 cannot be opened: %2</source>
      <translation>无法打开汇总数据库 %1：%2</translation>
    </message>
    <message>
      <location filename="../schooldesk/db/county_store.py" line="33" />
      <source>%1 is not a database address; give one such as postgresql://user:password@server/county.</source>
      <translation>%1 不是数据库地址，请写成 postgresql://用户:密码@服务器/数据库 的形式。</translation>
    </message>
  </context>
  <context>
    <name>EthicsDialog</name>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_record_dialogs.py" line="93" />
      <location filename="../schooldesk/ui/dialogs/teacher_record_dialogs.py" line="102" />
      <source>师德 record</source>
      <translation>师德记录</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_record_dialogs.py" line="96" />
      <source>&amp;Kind</source>
      <translation>类别(&amp;K)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_record_dialogs.py" line="97" />
      <source>&amp;Date</source>
      <translation>日期(&amp;D)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_record_dialogs.py" line="98" />
      <source>&amp;Grade (考核等次)</source>
      <translation>考核等次(&amp;G)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_record_dialogs.py" line="100" />
      <source>&amp;What it says</source>
      <translation>内容(&amp;W)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_record_dialogs.py" line="101" />
      <source>&amp;How it was handled</source>
      <translation>处理情况(&amp;H)</translation>
    </message>
  </context>
  <context>
    <name>ExchangeDialog</name>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_record_dialogs.py" line="142" />
      <location filename="../schooldesk/ui/dialogs/teacher_record_dialogs.py" line="150" />
      <source>Exchange, 支教 or 跟岗</source>
      <translation>交流轮岗、支教或跟岗</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_record_dialogs.py" line="145" />
      <source>&amp;Kind</source>
      <translation>类别(&amp;K)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_record_dialogs.py" line="146" />
      <source>&amp;Where</source>
      <translation>地点(&amp;W)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_record_dialogs.py" line="147" />
      <source>&amp;From</source>
      <translation>开始日期(&amp;F)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_record_dialogs.py" line="148" />
      <source>&amp;Until (empty while it lasts)</source>
      <translation>结束日期(&amp;U)（尚未结束可不填）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_record_dialogs.py" line="149" />
      <source>&amp;Notes</source>
      <translation>备注(&amp;N)</translation>
    </message>
  </context>
  <context>
    <name>ExportPage</name>
    <message>
      <location filename="../schooldesk/ui/pages/export.py" line="37" />
      <source>Hand-in for the county bureau (报送材料)</source>
      <translation>向教育局报送材料</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/export.py" line="50" />
      <source>F&amp;ull ID numbers (recorded in the audit trail)</source>
      <translation>导出完整身份证号(&amp;U)（记入审计日志）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/export.py" line="53" />
      <source>A &amp;folder</source>
      <translation>文件夹(&amp;F)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/export.py" line="54" />
      <source>One &amp;zip file</source>
      <translation>一个 zip 压缩包(&amp;Z)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/export.py" line="61" />
      <source>password to encrypt the zip (AES-256); empty: not encrypted</source>
      <translation>加密压缩包的密码（AES-256）；不填则不加密</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/export.py" line="64" />
      <source>the password again</source>
      <translation>再次输入密码</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/export.py" line="69" />
      <source>Other fol&amp;der…</source>
      <translation>其他文件夹(&amp;D)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/export.py" line="92" />
      <source>Open i&amp;t</source>
      <translation>打开(&amp;T)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/export.py" line="106" />
      <source>&amp;Show in its folder</source>
      <translation>打开所在文件夹(&amp;S)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/export.py" line="71" />
      <source>&amp;Look for USB sticks</source>
      <translation>查找U盘(&amp;L)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/export.py" line="68" />
      <source>Choose a USB stick or a folder…</source>
      <translation>请选择 U 盘或文件夹…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/export.py" line="78" />
      <source>Semester</source>
      <translation>学期</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/export.py" line="79" />
      <source>Record families</source>
      <translation>材料类别</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/export.py" line="85" />
      <source>Written as</source>
      <translation>写成</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/export.py" line="86" />
      <source>Password</source>
      <translation>密码</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/export.py" line="88" />
      <source>Write to</source>
      <translation>写入到</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/export.py" line="95" />
      <source>Check before sending (报送前检查)</source>
      <translation>报送前检查</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/export.py" line="100" />
      <source>&amp;Write the bundle</source>
      <translation>写入报送材料(&amp;W)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/export.py" line="113" />
      <source>&amp;Receive schools' bundles (汇总)…</source>
      <translation>汇总各校报送材料(&amp;R)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/export.py" line="115" />
      <source>For a 中心校 or the bureau: merge the bundles its schools hand in</source>
      <translation>供中心校或教育局使用：汇总所属学校报送的材料</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/export.py" line="172" />
      <source>%1 things are incomplete; the bundle can be sent anyway, and lists them in 清单.txt.</source>
      <translation>有 %1 项未完成；仍可报送，清单.txt 中会列出。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/export.py" line="173" />
      <source>Nothing is incomplete.</source>
      <translation>没有未完成的项目。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/export.py" line="188" />
      <source>%1 (%2 MB free)</source>
      <translation>%1（剩余 %2 MB）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/export.py" line="189" />
      <source>%1 (read-only: write-protected or locked)</source>
      <translation>%1（只读：写保护或被锁定）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/export.py" line="196" />
      <source>Write the bundle into</source>
      <translation>报送材料写入到</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/export.py" line="240" />
      <source>Writing the bundle and reading it back…</source>
      <translation>正在写入报送材料并读回校验…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/export.py" line="246" />
      <source>photos</source>
      <translation>照片</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/export.py" line="248" />
      <source>Written and read back intact: %1 — %2 files (%3); %4 things incomplete.</source>
      <translation>已写入并读取校验无误：%1 — 共 %2 个文件（%3）；%4 项未完成。</translation>
    </message>
  </context>
  <context>
    <name>FilteredList</name>
    <message>
      <location filename="../schooldesk/ui/pages/filtered_list.py" line="35" />
      <source>Find (Ctrl+F)</source>
      <translation>查找（Ctrl+F）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/filtered_list.py" line="54" />
      <source>(all)</source>
      <translation>（全部）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/filtered_list.py" line="85" />
      <source>&amp;Edit…</source>
      <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/filtered_list.py" line="86" />
      <source>&amp;View…</source>
      <translation>查看(&amp;V)…</translation>
    </message>
  </context>
  <context>
    <name>FindingDialog</name>
    <message>
      <location filename="../schooldesk/ui/dialogs/catchment_dialog.py" line="38" />
      <source>Where the child is (去向)</source>
      <translation>儿童去向核实</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/catchment_dialog.py" line="46" />
      <source>Child</source>
      <translation>儿童</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/catchment_dialog.py" line="51" />
      <source>Found before</source>
      <translation>以往核实</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/catchment_dialog.py" line="54" />
      <source>&amp;Destination (去向)</source>
      <translation>去向(&amp;D)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/catchment_dialog.py" line="57" />
      <source>&amp;School attended</source>
      <translation>就读学校(&amp;S)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/catchment_dialog.py" line="58" />
      <source>&amp;Grade or class</source>
      <translation>年级/班级(&amp;G)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/catchment_dialog.py" line="59" />
      <source>&amp;Verified by (way)</source>
      <translation>核实方式(&amp;V)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/catchment_dialog.py" line="60" />
      <source>Verified b&amp;y (person)</source>
      <translation>核实人(&amp;Y)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/catchment_dialog.py" line="61" />
      <source>Da&amp;te verified</source>
      <translation>核实日期(&amp;T)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/catchment_dialog.py" line="62" />
      <source>&amp;Notes</source>
      <translation>备注(&amp;N)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/catchment_dialog.py" line="63" />
      <source>&amp;Proof photos</source>
      <translation>证明照片(&amp;P)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/catchment_dialog.py" line="64" />
      <source>Village children</source>
      <translation>适龄儿童</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/catchment_dialog.py" line="74" />
      <source>After saving, open a persuade-to-return case for %1 from the page.</source>
      <translation>保存后，可在页面上为%1开立劝返案例。</translation>
    </message>
  </context>
  <context>
    <name>FirstStepsBox</name>
    <message>
      <location filename="../schooldesk/ui/pages/first_steps.py" line="18" />
      <source>First steps</source>
      <translation>开始使用的步骤</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/first_steps.py" line="20" />
      <source>Until these are done the lists below cannot tell you much. Double-click a step (or press Enter) to go where it is done.</source>
      <translation>完成这些步骤之前，下面的列表说明不了什么。双击某一步（或按回车）即可前往办理。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/first_steps.py" line="30" />
      <source>Fill in the school's details (principal, county: they print on every document)</source>
      <translation>填写学校信息（校长、所在县：每份报表都会打印）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/first_steps.py" line="31" />
      <source>Add the teachers (one by one, or from an Excel list)</source>
      <translation>添加教师（逐个添加，或从 Excel 名单导入）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/first_steps.py" line="32" />
      <source>Import the pupils' roster from the student-status system</source>
      <translation>从学籍系统导入学生名册</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/first_steps.py" line="33" />
      <source>Mark the pupils in care (left-behind, disabled, struggling …) with their responsible teacher</source>
      <translation>登记关爱学生（留守、残疾、学困……）及其包保责任人</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/first_steps.py" line="35" />
      <source>Look over the school's rules in Settings (support intervals, 送教上门, quotas, home-visit targets) and save them</source>
      <translation>在“设置”中核对本校规则（帮扶间隔、送教上门、听课节数、家访目标）并保存</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/first_steps.py" line="45" />
      <source>done</source>
      <translation>已完成</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/first_steps.py" line="45" />
      <source>next</source>
      <translation>下一步</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/first_steps.py" line="45" />
      <source>to do</source>
      <translation>待办</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/first_steps.py" line="46" />
      <source>%1 %2. %3 — %4</source>
      <translation>%1 %2. %3 — %4</translation>
    </message>
  </context>
  <context>
    <name>FrequencyDialog</name>
    <message>
      <location filename="../schooldesk/ui/dialogs/frequency_dialog.py" line="33" />
      <source>Frequency targets</source>
      <translation>活动频次要求</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/frequency_dialog.py" line="42" />
      <location filename="../schooldesk/ui/dialogs/frequency_dialog.py" line="64" />
      <source>Target</source>
      <translation>目标</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/frequency_dialog.py" line="59" />
      <source>MM-DD, e.g. 05-25</source>
      <translation>月-日，例如05-25</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/frequency_dialog.py" line="63" />
      <source>e.g. 语文组、数学组 (empty: the whole school)</source>
      <translation>例如 语文组、数学组（留空：全校）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/frequency_dialog.py" line="66" />
      <source>&amp;Kind of activity</source>
      <translation>活动类别(&amp;K)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/frequency_dialog.py" line="67" />
      <source>At &amp;least</source>
      <translation>不少于(&amp;L)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/frequency_dialog.py" line="68" />
      <source>&amp;How often</source>
      <translation>频次(&amp;H)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/frequency_dialog.py" line="69" />
      <source>In the &amp;week of</source>
      <translation>活动周所含日期(&amp;W)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/frequency_dialog.py" line="70" />
      <source>&amp;Groups named by the field</source>
      <translation>按字段分组(&amp;G)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/frequency_dialog.py" line="71" />
      <source>&amp;Each of the groups</source>
      <translation>每个分组(&amp;E)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/frequency_dialog.py" line="73" />
      <source>&amp;Add</source>
      <translation>添加(&amp;A)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/frequency_dialog.py" line="73" />
      <source>&amp;Replace the selected</source>
      <translation>替换所选(&amp;R)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/frequency_dialog.py" line="74" />
      <source>&amp;Delete the selected</source>
      <translation>删除所选(&amp;D)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/frequency_dialog.py" line="81" />
      <source>Add the &amp;presets</source>
      <translation>添加预设要求(&amp;P)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/frequency_dialog.py" line="82" />
      <source>质量分析会 twice a school year, 校际教研 and 家长会 each semester, 心理健康教育 in the week of 25 May</source>
      <translation>质量分析会每学年2次，校际教研、家长会每学期1次，心理健康教育活动周在5月25日所在周</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/frequency_dialog.py" line="88" />
      <source>In force &amp;from</source>
      <translation>生效日期(&amp;F)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/frequency_dialog.py" line="102" />
      <source>(none)</source>
      <translation>（无）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/frequency_dialog.py" line="176" />
      <source>Saved; they hold from %1.</source>
      <translation>已保存，自%1起执行。</translation>
    </message>
  </context>
  <context>
    <name>GuidanceDialog</name>
    <message>
      <location filename="../schooldesk/ui/dialogs/mentorship_dialogs.py" line="75" />
      <source>Guidance record — %1</source>
      <translation>指导记录 — %1</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/mentorship_dialogs.py" line="79" />
      <source>&amp;Date</source>
      <translation>日期(&amp;D)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/mentorship_dialogs.py" line="80" />
      <source>&amp;Kind</source>
      <translation>指导类别(&amp;K)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/mentorship_dialogs.py" line="81" />
      <source>&amp;Title or topic</source>
      <translation>课题或主题(&amp;T)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/mentorship_dialogs.py" line="82" />
      <source>&amp;What was done</source>
      <translation>指导内容(&amp;W)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/mentorship_dialogs.py" line="83" />
      <source>Mentor's &amp;advice</source>
      <translation>指导意见(&amp;A)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/mentorship_dialogs.py" line="84" />
      <source>Apprentice's &amp;reflection</source>
      <translation>徒弟反思(&amp;R)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/mentorship_dialogs.py" line="85" />
      <source>&amp;Evidence photos</source>
      <translation>佐证照片(&amp;E)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/mentorship_dialogs.py" line="86" />
      <source>Mentoring</source>
      <translation>师徒结对</translation>
    </message>
  </context>
  <context>
    <name>Health</name>
    <message>
      <location filename="../schooldesk/services/health.py" line="21" />
      <source>schools</source>
      <translation>学校</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/health.py" line="22" />
      <source>semesters</source>
      <translation>学期</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/health.py" line="23" />
      <source>teachers</source>
      <translation>教师</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/health.py" line="24" />
      <source>observers from outside</source>
      <translation>校外听课人员</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/health.py" line="26" />
      <source>classes</source>
      <translation>班级</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/health.py" line="27" />
      <source>users</source>
      <translation>用户</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/health.py" line="28" />
      <source>pupils</source>
      <translation>学生</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/health.py" line="29" />
      <source>care records</source>
      <translation>关爱类别记录</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/health.py" line="30" />
      <source>support records</source>
      <translation>帮扶记录</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/health.py" line="31" />
      <source>dropout cases</source>
      <translation>辍学案例</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/health.py" line="32" />
      <source>persuade-to-return visits</source>
      <translation>劝返记录</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/health.py" line="33" />
      <source>home-teaching plans</source>
      <translation>送教上门计划</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/health.py" line="34" />
      <source>home-teaching visits</source>
      <translation>送教上门记录</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/health.py" line="35" />
      <source>photos</source>
      <translation>照片</translation>
    </message>
  </context>
  <context>
    <name>HomePage</name>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="42" />
      <source>Pupils on roll:</source>
      <translation>在籍学生：</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="43" />
      <source>Active teachers:</source>
      <translation>在职教师：</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="44" />
      <source>Classes this school year:</source>
      <translation>本学年班级：</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="45" />
      <source>Home visits to left-behind children:</source>
      <translation>留守儿童家访：</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="53" />
      <source>Pupil</source>
      <translation>学生</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="54" />
      <location filename="../schooldesk/ui/pages/home.py" line="67" />
      <source>Class</source>
      <translation>班级</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="55" />
      <source>Categories</source>
      <translation>关爱类别</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="56" />
      <source>Responsible teacher</source>
      <translation>包保责任人</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="57" />
      <source>Last support</source>
      <translation>最近帮扶</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="57" />
      <source>none yet</source>
      <translation>尚无</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="58" />
      <source>Due since</source>
      <translation>应于此日前</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="66" />
      <source>Child</source>
      <translation>学生</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="68" />
      <source>Responsible teachers</source>
      <translation>负责教师</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="69" />
      <source>Visits this month</source>
      <translation>本月送教次数</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="70" />
      <source>Lesson periods</source>
      <translation>课时</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="78" />
      <source>Teacher</source>
      <translation>教师</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="79" />
      <source>Duties</source>
      <translation>职务</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="80" />
      <source>Observed</source>
      <translation>已听</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="81" />
      <source>Due by now</source>
      <translation>按进度应听</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="82" />
      <source>Required this semester</source>
      <translation>本学期应听</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="86" />
      <source>Double-click or press Enter to open the lesson observation page.</source>
      <translation>双击或按 Enter 打开听课评课页面。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="93" />
      <source>Mentor</source>
      <translation>师傅</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="94" />
      <source>Apprentice</source>
      <translation>徒弟</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="95" />
      <source>Subject</source>
      <translation>学科</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="96" />
      <source>Targets (done / required)</source>
      <translation>目标（完成/要求）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="100" />
      <source>Double-click or press Enter to open the pair.</source>
      <translation>双击或按 Enter 打开该结对。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="107" />
      <source>Due</source>
      <translation>截止日期</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="226" />
      <source>To do: %1 (activities short of their frequency targets: %2)</source>
      <translation>待办 %1 项（活动频次未达 %2 项）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="227" />
      <source>To do within a month: %1</source>
      <translation>一个月内待办 %1 项</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="228" />
      <source>Nothing is due within a month, and every frequency target is met so far.</source>
      <translation>一个月内没有到期事项，各项活动频次均已达到。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="109" />
      <source>What</source>
      <translation>事项</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="108" />
      <source>State</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="108" />
      <source>overdue</source>
      <translation>已逾期</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="108" />
      <source>to do</source>
      <translation>待办</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="113" />
      <source>Double-click or press Enter to open the page where it is done.</source>
      <translation>双击或按回车键打开办理该事项的页面。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="116" />
      <source>Double-click or press Enter to open the pupil's support records.</source>
      <translation>双击或按回车键打开该生的帮扶记录。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="117" />
      <source>Double-click or press Enter to open the child's visit log.</source>
      <translation>双击或按回车键打开该生的送教记录。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="158" />
      <source>Current semester: %1 (%2 to %3)</source>
      <translation>当前学期：%1（%2 至 %3）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="160" />
      <source>No semester has been set up.</source>
      <translation>尚未设置学期。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="174" />
      <source>No pupils on roll yet: overdue support records will show here.</source>
      <translation>尚无在籍学生：逾期的帮扶记录将在此显示。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="182" />
      <source>Home teaching: no child is taught at home yet.</source>
      <translation>送教上门：尚无送教上门的学生。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="206" />
      <source>%1 not yet visited this semester, %2 behind the target</source>
      <translation>本学期尚未家访 %1 人，未达要求 %2 人</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="173" />
      <source>Support records overdue: %1 pupils</source>
      <translation>帮扶记录逾期：%1 名学生</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="175" />
      <source>No support record is overdue.</source>
      <translation>没有逾期的帮扶记录。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="181" />
      <source>Home teaching behind the rule this month: %1 children</source>
      <translation>本月送教上门未达要求：%1 名学生</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="183" />
      <source>Home teaching: every child's visits are on track this month.</source>
      <translation>送教上门：本月所有学生的送教均已达到要求。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="210" />
      <source>Lesson observation behind the quota's pace: %1 teachers</source>
      <translation>听课进度落后：%1 位教师</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="211" />
      <source>Lesson observation: no teachers yet.</source>
      <translation>听课评课：尚无教师。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="212" />
      <source>Lesson observation: every teacher keeps pace with their quota.</source>
      <translation>听课：每位教师的进度都跟上了要求。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="218" />
      <source>Mentoring pairs behind their targets: %1</source>
      <translation>师徒结对进度落后：%1 对</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="219" />
      <source>Mentoring: no teachers yet.</source>
      <translation>师徒结对：尚无教师。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home.py" line="220" />
      <source>Mentoring: every pair keeps pace with its targets.</source>
      <translation>师徒结对：每对的进度都跟上了目标。</translation>
    </message>
  </context>
  <context>
    <name>HomeTeaching</name>
    <message>
      <location filename="../schooldesk/ui/month_text.py" line="14" />
      <source>%1 (%2 under %3 periods)</source>
      <translation>%1次，其中%2次不足%3课时</translation>
    </message>
  </context>
  <context>
    <name>HomeTeachingPage</name>
    <message>
      <location filename="../schooldesk/ui/pages/home_teaching.py" line="31" />
      <source>Child</source>
      <translation>学生</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home_teaching.py" line="32" />
      <source>Class</source>
      <translation>班级</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home_teaching.py" line="33" />
      <source>Teachers</source>
      <translation>教师</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home_teaching.py" line="34" />
      <source>Visits this semester</source>
      <translation>本学期送教次数</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home_teaching.py" line="35" />
      <source>Time taught</source>
      <translation>累计时长</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home_teaching.py" line="36" />
      <source>This month</source>
      <translation>本月</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home_teaching.py" line="37" />
      <source>Months met</source>
      <translation>达标月份</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home_teaching.py" line="42" />
      <source>&amp;New plan…</source>
      <translation>新建计划(&amp;N)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home_teaching.py" line="43" />
      <source>&amp;Open visit log…</source>
      <translation>打开送教记录(&amp;O)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home_teaching.py" line="44" />
      <source>&amp;Edit plan…</source>
      <translation>编辑计划(&amp;E)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home_teaching.py" line="45" />
      <source>&amp;Delete plan</source>
      <translation>删除计划(&amp;D)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home_teaching.py" line="65" />
      <source>outside the plan</source>
      <translation>不在计划期间</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home_teaching.py" line="67" />
      <source>met (%1 visits)</source>
      <translation>已达标（%1 次）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home_teaching.py" line="69" />
      <source>%1 of %2 visits</source>
      <translation>%1 / %2 次</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home_teaching.py" line="70" />
      <source>lesson periods short</source>
      <translation>课时不足</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home_teaching.py" line="76" />
      <source>No semester has been set up.</source>
      <translation>尚未设置学期。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home_teaching.py" line="85" />
      <source>Taught at home, %1: %2 children</source>
      <translation>送教上门，%1：%2 名学生</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home_teaching.py" line="125" />
      <source>Delete %1's plan for this semester?</source>
      <translation>删除 %1 本学期的送教计划？</translation>
    </message>
  </context>
  <context>
    <name>HomeTeachingRuleBox</name>
    <message>
      <location filename="../schooldesk/ui/pages/home_teaching_box.py" line="29" />
      <source>Home teaching (送教上门) rule and printing</source>
      <translation>送教上门要求与打印</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home_teaching_box.py" line="41" />
      <source>At least</source>
      <translation>至少</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home_teaching_box.py" line="41" />
      <source>visits</source>
      <translation>次</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home_teaching_box.py" line="42" />
      <source>Each visit at least</source>
      <translation>每次至少</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home_teaching_box.py" line="42" />
      <source>lesson periods of</source>
      <translation>课时，每课时</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home_teaching_box.py" line="43" />
      <source>minutes</source>
      <translation>分钟</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home_teaching_box.py" line="44" />
      <source>Applies from the month of</source>
      <translation>自此月份起执行</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home_teaching_box.py" line="45" />
      <source>Save rule</source>
      <translation>保存要求</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home_teaching_box.py" line="51" />
      <source>automatic: SimSun, YaHei or WenQuanYi</source>
      <translation>自动（宋体 / 微软雅黑 / 文泉驿）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home_teaching_box.py" line="52" />
      <source>Choose…</source>
      <translation>选择…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home_teaching_box.py" line="54" />
      <source>Automatic</source>
      <translation>自动</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home_teaching_box.py" line="57" />
      <source>PDF font</source>
      <translation>PDF 字体</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home_teaching_box.py" line="105" />
      <source>Home teaching rule saved: %1, from %2.</source>
      <translation>送教上门要求已保存：%1，自 %2 起执行。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home_teaching_box.py" line="108" />
      <source>Font for PDFs</source>
      <translation>PDF 所用字体</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/home_teaching_box.py" line="108" />
      <source>TrueType fonts (*.ttf *.ttc)</source>
      <translation>TrueType 字体 (*.ttf *.ttc)</translation>
    </message>
  </context>
  <context>
    <name>HomeTeachingWindow</name>
    <message>
      <location filename="../schooldesk/ui/home_teaching_window.py" line="47" />
      <source>met</source>
      <translation>达标</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/home_teaching_window.py" line="47" />
      <source>not yet</source>
      <translation>未到</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/home_teaching_window.py" line="47" />
      <source>this month, so far short</source>
      <translation>本月进行中</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/home_teaching_window.py" line="48" />
      <source>short</source>
      <translation>未达标</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/home_teaching_window.py" line="51" />
      <source>Month</source>
      <translation>月份</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/home_teaching_window.py" line="52" />
      <source>Visits required</source>
      <translation>要求次数</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/home_teaching_window.py" line="53" />
      <source>Visits made</source>
      <translation>实际次数</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/home_teaching_window.py" line="54" />
      <source>Lesson periods (made / required)</source>
      <translation>课时（实际 / 要求）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/home_teaching_window.py" line="55" />
      <source>Standing</source>
      <translation>完成情况</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/home_teaching_window.py" line="58" />
      <source>No.</source>
      <translation>编号</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/home_teaching_window.py" line="59" />
      <source>Date</source>
      <translation>日期</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/home_teaching_window.py" line="60" />
      <source>Time</source>
      <translation>时间</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/home_teaching_window.py" line="61" />
      <source>Length</source>
      <translation>时长</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/home_teaching_window.py" line="62" />
      <location filename="../schooldesk/ui/home_teaching_window.py" line="123" />
      <source>Teachers</source>
      <translation>教师</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/home_teaching_window.py" line="63" />
      <source>Content</source>
      <translation>内容</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/home_teaching_window.py" line="64" />
      <source>Photos</source>
      <translation>照片</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/home_teaching_window.py" line="65" />
      <source>What was taught</source>
      <translation>送教内容</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/home_teaching_window.py" line="73" />
      <source>&amp;Log a visit…</source>
      <translation>登记送教(&amp;L)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/home_teaching_window.py" line="74" />
      <source>&amp;Edit visit…</source>
      <translation>编辑送教记录(&amp;E)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/home_teaching_window.py" line="75" />
      <source>&amp;Delete visit</source>
      <translation>删除送教记录(&amp;D)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/home_teaching_window.py" line="76" />
      <source>Edit &amp;plan…</source>
      <translation>编辑计划(&amp;P)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/home_teaching_window.py" line="77" />
      <source>Print this &amp;visit…</source>
      <translation>打印本次记录(&amp;V)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/home_teaching_window.py" line="78" />
      <source>Print semester lo&amp;g…</source>
      <translation>打印学期记录(&amp;G)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/home_teaching_window.py" line="79" />
      <source>Print &amp;blank form…</source>
      <translation>打印空白记录表(&amp;B)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/home_teaching_window.py" line="85" />
      <source>semester log</source>
      <translation>学期记录</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/home_teaching_window.py" line="86" />
      <source>blank form</source>
      <translation>空白记录表</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/home_teaching_window.py" line="120" />
      <source>%1 — home teaching, %2</source>
      <translation>%1 — 送教上门，%2</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/home_teaching_window.py" line="122" />
      <source>Class</source>
      <translation>班级</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/home_teaching_window.py" line="122" />
      <source>Disability</source>
      <translation>残疾类别</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/home_teaching_window.py" line="123" />
      <source>Goals</source>
      <translation>送教目标</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/home_teaching_window.py" line="124" />
      <source>Schedule</source>
      <translation>送教安排</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/home_teaching_window.py" line="124" />
      <source>Rule</source>
      <translation>要求</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/home_teaching_window.py" line="125" />
      <source>Plan</source>
      <translation>计划期间</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/home_teaching_window.py" line="170" />
      <source>Delete the visit of %1? This cannot be undone.</source>
      <translation>删除 %1 的送教记录？删除后无法恢复。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/home_teaching_window.py" line="181" />
      <source>visit %1</source>
      <translation>送教记录_%1</translation>
    </message>
  </context>
  <context>
    <name>HomeVisitDialog</name>
    <message>
      <location filename="../schooldesk/ui/dialogs/home_teaching_dialogs.py" line="122" />
      <source>Home teaching visit — %1</source>
      <translation>送教上门记录 — %1</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/home_teaching_dialogs.py" line="128" />
      <source>&amp;Date</source>
      <translation>日期(&amp;D)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/home_teaching_dialogs.py" line="140" />
      <source>&amp;Time</source>
      <translation>时间(&amp;T)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/home_teaching_dialogs.py" line="144" />
      <source>T&amp;eachers</source>
      <translation>送教教师(&amp;E)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/home_teaching_dialogs.py" line="145" />
      <source>&amp;Content</source>
      <translation>内容类别(&amp;C)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/home_teaching_dialogs.py" line="147" />
      <source>What was ta&amp;ught</source>
      <translation>送教内容(&amp;U)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/home_teaching_dialogs.py" line="148" />
      <source>&amp;How the child did</source>
      <translation>学生表现(&amp;H)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/home_teaching_dialogs.py" line="149" />
      <source>Guardian's &amp;feedback</source>
      <translation>家长反馈(&amp;F)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/home_teaching_dialogs.py" line="151" />
      <source>&amp;Next steps</source>
      <translation>下一步计划(&amp;N)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/home_teaching_dialogs.py" line="152" />
      <source>&amp;Photos</source>
      <translation>佐证照片(&amp;P)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/home_teaching_dialogs.py" line="153" />
      <source>Home teaching</source>
      <translation>送教上门</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/home_teaching_dialogs.py" line="162" />
      <source>ends before it starts</source>
      <translation>结束时间早于开始时间</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/home_teaching_dialogs.py" line="164" />
      <source>%1, %2 lesson periods</source>
      <translation>%1，%2课时</translation>
    </message>
  </context>
  <context>
    <name>HonourDialog</name>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_record_dialogs.py" line="121" />
      <location filename="../schooldesk/ui/dialogs/teacher_record_dialogs.py" line="129" />
      <source>Honour or competition</source>
      <translation>荣誉与竞赛</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_record_dialogs.py" line="124" />
      <source>Title or &amp;competition</source>
      <translation>荣誉称号或竞赛(&amp;C)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_record_dialogs.py" line="125" />
      <source>&amp;Level</source>
      <translation>级别(&amp;L)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_record_dialogs.py" line="126" />
      <source>&amp;Prize or grade (等次)</source>
      <translation>等次(&amp;P)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_record_dialogs.py" line="127" />
      <source>&amp;Date</source>
      <translation>日期(&amp;D)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_record_dialogs.py" line="128" />
      <source>&amp;Given by</source>
      <translation>颁发单位(&amp;G)</translation>
    </message>
  </context>
  <context>
    <name>ImportDialog</name>
    <message>
      <location filename="../schooldesk/ui/import_dialog.py" line="40" />
      <source>Import pupils</source>
      <translation>导入学生</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/import_dialog.py" line="44" />
      <source>Choose the Excel file exported from the student-status system, or the school's own roster (.xlsx or .xls).</source>
      <translation>请选择从学籍系统导出的 Excel 文件，或学校自己的花名册（.xlsx 或 .xls）。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/import_dialog.py" line="47" />
      <source>&amp;Choose file…</source>
      <translation>选择文件(&amp;C)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/import_dialog.py" line="54" />
      <source>Row</source>
      <translation>行</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/import_dialog.py" line="55" />
      <source>Column</source>
      <translation>列</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/import_dialog.py" line="56" />
      <source>Problem</source>
      <translation>问题</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/import_dialog.py" line="57" />
      <source>Why</source>
      <translation>原因</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/import_dialog.py" line="61" />
      <source>&amp;Import</source>
      <translation>导入(&amp;I)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/import_dialog.py" line="62" />
      <source>&amp;Save problem rows as Excel…</source>
      <translation>问题行另存为 Excel(&amp;S)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/import_dialog.py" line="77" />
      <source>S&amp;heet:</source>
      <translation>工作表(&amp;H)：</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/import_dialog.py" line="86" />
      <source>Into the school &amp;year:</source>
      <translation>导入到学年(&amp;Y)：</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/import_dialog.py" line="113" />
      <source>Choose a roster</source>
      <translation>选择花名册</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/import_dialog.py" line="113" />
      <source>Excel workbooks (*.xlsx *.xls)</source>
      <translation>Excel 工作簿 (*.xlsx *.xls)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/import_dialog.py" line="118" />
      <source>File: %1</source>
      <translation>文件：%1</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/import_dialog.py" line="131" />
      <source>Checking the roster…</source>
      <translation>正在检查名单…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/import_dialog.py" line="132" />
      <source>Stopped.</source>
      <translation>已停止。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/import_dialog.py" line="146" />
      <source>Into %1 — sheet “%2”: %3 rows read: %4 new, %5 updated, %6 unchanged, %7 skipped.</source>
      <translation>导入到%1 — 工作表“%2”：读取 %3 行：新增 %4，更新 %5，未变 %6，跳过 %7。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/import_dialog.py" line="151" />
      <source>Warning: this file is of another school (学校标识码 %1; this school's is %2). Check that it is your roster before importing.</source>
      <translation>注意：此文件属于别的学校（学校标识码 %1，本校为 %2）。导入前请确认这是本校的名册。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/import_dialog.py" line="155" />
      <source>Classes to be created: %1.</source>
      <translation>将新建班级：%1。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/import_dialog.py" line="157" />
      <source>Nothing has been written yet.</source>
      <translation>尚未写入任何数据。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/import_dialog.py" line="159" />
      <source>Imported.</source>
      <translation>已导入。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/import_dialog.py" line="161" />
      <source>Error (row skipped)</source>
      <translation>错误（此行跳过）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/import_dialog.py" line="162" />
      <source>Warning</source>
      <translation>提醒</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/import_dialog.py" line="163" />
      <source>Repeated pupil (row skipped)</source>
      <translation>重复学生（此行跳过）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/import_dialog.py" line="164" />
      <source>The same pupil as row %1.</source>
      <translation>与第 %1 行是同一名学生。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/import_dialog.py" line="178" />
      <source>&amp;Import %1 pupils</source>
      <translation>导入 %1 名学生(&amp;I)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/import_dialog.py" line="189" />
      <source>Importing pupils…</source>
      <translation>正在导入学生…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/import_dialog.py" line="195" />
      <source>The import was stopped; nothing was imported.</source>
      <translation>导入已停止，没有导入任何学生。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/import_dialog.py" line="207" />
      <source>Save problem rows</source>
      <translation>保存问题行</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/import_dialog.py" line="207" />
      <source>Excel workbook (*.xlsx)</source>
      <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
  </context>
  <context>
    <name>ListImportDialog</name>
    <message>
      <location filename="../schooldesk/ui/list_import_dialog.py" line="50" />
      <source>&amp;Choose file…</source>
      <translation>选择文件(&amp;C)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/list_import_dialog.py" line="51" />
      <source>Excel workbooks (*.xlsx *.xls)</source>
      <translation>Excel 工作簿 (*.xlsx *.xls)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/list_import_dialog.py" line="57" />
      <source>Row</source>
      <translation>行</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/list_import_dialog.py" line="57" />
      <source>Column</source>
      <translation>列</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/list_import_dialog.py" line="58" />
      <source>Problem</source>
      <translation>问题</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/list_import_dialog.py" line="58" />
      <source>Why</source>
      <translation>原因</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/list_import_dialog.py" line="61" />
      <source>&amp;Import</source>
      <translation>导入(&amp;I)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/list_import_dialog.py" line="69" />
      <source>File: %1</source>
      <translation>文件：%1</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/list_import_dialog.py" line="76" />
      <source>Checking the list…</source>
      <translation>正在检查名单…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/list_import_dialog.py" line="89" />
      <source>Importing…</source>
      <translation>正在导入…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/list_import_dialog.py" line="106" />
      <source>Imported.</source>
      <translation>已导入。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/list_import_dialog.py" line="107" />
      <source>Error (row skipped)</source>
      <translation>错误（此行跳过）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/list_import_dialog.py" line="108" />
      <source>Warning</source>
      <translation>提醒</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/list_import_dialog.py" line="117" />
      <source>Sheet “%1”: %2 rows read: %3 new, %4 updated, %5 unchanged, %6 skipped.</source>
      <translation>工作表“%1”：共读取 %2 行：新增 %3，更新 %4，未变 %5，跳过 %6。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/list_import_dialog.py" line="139" />
      <source>&amp;Import %1 rows</source>
      <translation>导入 %1 行(&amp;I)</translation>
    </message>
  </context>
  <context>
    <name>ListPage</name>
    <message>
      <location filename="../schooldesk/ui/pages/list_page.py" line="33" />
      <source>Find (Ctrl+F)</source>
      <translation>查找（Ctrl+F）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/list_page.py" line="35" />
      <source>Show inactive</source>
      <translation>显示已停用</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/list_page.py" line="37" />
      <source>&amp;New…</source>
      <translation>新建(&amp;N)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/list_page.py" line="38" />
      <source>&amp;Edit…</source>
      <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/list_page.py" line="39" />
      <location filename="../schooldesk/ui/pages/list_page.py" line="114" />
      <source>&amp;Deactivate</source>
      <translation>停用(&amp;D)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/list_page.py" line="114" />
      <source>&amp;Reactivate</source>
      <translation>恢复启用(&amp;R)</translation>
    </message>
  </context>
  <context>
    <name>LoginDialog</name>
    <message>
      <location filename="../schooldesk/ui/login_dialog.py" line="28" />
      <source>Sign in — SchoolDesk</source>
      <translation>登录 — SchoolDesk</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/login_dialog.py" line="28" />
      <source>Locked — SchoolDesk</source>
      <translation>已锁定 — SchoolDesk</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/login_dialog.py" line="35" />
      <source>&amp;User name</source>
      <translation>用户名(&amp;U)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/login_dialog.py" line="36" />
      <source>&amp;Password</source>
      <translation>密码(&amp;P)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/login_dialog.py" line="41" />
      <source>SchoolDesk was locked after a while without use. Enter your password to go on.</source>
      <translation>长时间未操作，SchoolDesk 已锁定。请输入密码继续。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/login_dialog.py" line="51" />
      <source>Sign in</source>
      <translation>登录</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/login_dialog.py" line="56" />
      <source>&amp;Forgot password…</source>
      <translation>忘记密码(&amp;F)…</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../schooldesk/ui/main_window.py" line="40" />
      <source>Home</source>
      <translation>首页</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/main_window.py" line="41" />
      <source>Pupils</source>
      <translation>学生</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/main_window.py" line="42" />
      <source>Village children</source>
      <translation>适龄儿童</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/main_window.py" line="43" />
      <source>Home teaching</source>
      <translation>送教上门</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/main_window.py" line="44" />
      <source>Lesson observation</source>
      <translation>听课评课</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/main_window.py" line="45" />
      <source>Mentoring</source>
      <translation>师徒结对</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/main_window.py" line="46" />
      <source>Activities</source>
      <translation>活动记录</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/main_window.py" line="47" />
      <source>Reports</source>
      <translation>报表</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/main_window.py" line="49" />
      <source>Work summaries</source>
      <translation>工作总结</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/main_window.py" line="48" />
      <source>Hand-in</source>
      <translation>报送材料</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/main_window.py" line="50" />
      <source>Teachers</source>
      <translation>教师</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/main_window.py" line="51" />
      <source>Classes</source>
      <translation>班级</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/main_window.py" line="52" />
      <source>Settings</source>
      <translation>设置</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/main_window.py" line="75" />
      <source>Data folder: %1</source>
      <translation>数据文件夹：%1</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/main_window.py" line="78" />
      <source>Signed in: %1</source>
      <translation>已登录：%1</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/main_window.py" line="88" />
      <source>Ready</source>
      <translation>就绪</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/main_window.py" line="104" />
      <source>Main toolbar</source>
      <translation>主工具栏</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/main_window.py" line="108" />
      <source>&amp;New</source>
      <translation>新建(&amp;N)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/main_window.py" line="109" />
      <source>&amp;Find</source>
      <translation>查找(&amp;F)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/main_window.py" line="110" />
      <source>&amp;Save</source>
      <translation>保存(&amp;S)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/main_window.py" line="111" />
      <source>&amp;Close</source>
      <translation>关闭(&amp;C)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/main_window.py" line="112" />
      <source>&amp;Quit</source>
      <translation>退出(&amp;Q)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/main_window.py" line="119" />
      <source>Semester: </source>
      <translation>学期：</translation>
    </message>
  </context>
  <context>
    <name>MentorshipPage</name>
    <message>
      <location filename="../schooldesk/ui/pages/mentorship.py" line="37" />
      <source>(all)</source>
      <translation>（全部）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/mentorship.py" line="44" />
      <source>Find (Ctrl+F)</source>
      <translation>查找（Ctrl+F）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/mentorship.py" line="46" />
      <source>Mentor</source>
      <translation>师傅</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/mentorship.py" line="47" />
      <source>Apprentice</source>
      <translation>徒弟</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/mentorship.py" line="48" />
      <source>Subject</source>
      <translation>学科</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/mentorship.py" line="49" />
      <source>Kind of pairing</source>
      <translation>结对形式</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/mentorship.py" line="50" />
      <source>Agreement</source>
      <translation>协议日期</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/mentorship.py" line="51" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/mentorship.py" line="52" />
      <source>Standing</source>
      <translation>完成情况</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/mentorship.py" line="52" />
      <source>behind</source>
      <translation>进度落后</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/mentorship.py" line="52" />
      <source>on track</source>
      <translation>进度正常</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/mentorship.py" line="54" />
      <source>Targets (done / required)</source>
      <translation>目标（完成/要求）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/mentorship.py" line="64" />
      <source>&amp;New pair…</source>
      <translation>新建结对(&amp;N)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/mentorship.py" line="65" />
      <source>&amp;Open…</source>
      <translation>打开(&amp;O)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/mentorship.py" line="66" />
      <source>&amp;Edit pair…</source>
      <translation>编辑结对(&amp;E)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/mentorship.py" line="67" />
      <source>&amp;Carry into next year</source>
      <translation>延续到下学年(&amp;C)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/mentorship.py" line="68" />
      <source>&amp;Delete pair</source>
      <translation>删除结对(&amp;D)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/mentorship.py" line="69" />
      <source>E&amp;xcel…</source>
      <translation>导出Excel(&amp;X)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/mentorship.py" line="75" />
      <source>Status:</source>
      <translation>状态：</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/mentorship.py" line="96" />
      <source>No semester has been set up.</source>
      <translation>尚未设置学期。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/mentorship.py" line="108" />
      <source>Mentoring pairs, %1: %2 pairs, %3 behind their targets (%4)</source>
      <translation>师徒结对，%1：共 %2 对，%3 对进度落后（%4）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/mentorship.py" line="171" />
      <source>Pair %1 again for %2? This year's pairing is then marked 期满.</source>
      <translation>%1在%2继续结对吗？本学年的结对将标为“期满”。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/mentorship.py" line="179" />
      <source>Delete the pair %1?</source>
      <translation>删除结对“%1”吗？</translation>
    </message>
  </context>
  <context>
    <name>MentorshipRulesBox</name>
    <message>
      <location filename="../schooldesk/ui/pages/mentorship_rules_box.py" line="41" />
      <source>Mentoring</source>
      <translation>师徒结对</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/mentorship_rules_box.py" line="51" />
      <source>Save targets</source>
      <translation>保存目标</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/mentorship_rules_box.py" line="54" />
      <source>Agreement wording…</source>
      <translation>协议书文字…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/mentorship_rules_box.py" line="56" />
      <source>Assessment form…</source>
      <translation>考核表…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/mentorship_rules_box.py" line="59" />
      <source>Targets</source>
      <translation>结对目标</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/mentorship_rules_box.py" line="60" />
      <source>In force from</source>
      <translation>生效日期</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/mentorship_rules_box.py" line="92" />
      <source>Mentoring targets saved; they hold from %1.</source>
      <translation>师徒结对目标已保存，自 %1 起执行。</translation>
    </message>
  </context>
  <context>
    <name>NewSchoolYearDialog</name>
    <message>
      <location filename="../schooldesk/ui/new_school_year_dialog.py" line="38" />
      <source>New school year</source>
      <translation>新学年</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/new_school_year_dialog.py" line="55" />
      <source>&amp;Kind of school</source>
      <translation>学校类型(&amp;K)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/new_school_year_dialog.py" line="56" />
      <source>&amp;Graduation date</source>
      <translation>毕业日期(&amp;G)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/new_school_year_dialog.py" line="60" />
      <source>Class / pupil</source>
      <translation>班级 / 学生</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/new_school_year_dialog.py" line="60" />
      <source>Next year</source>
      <translation>新学年去向</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/new_school_year_dialog.py" line="60" />
      <source>Pupils</source>
      <translation>学生</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/new_school_year_dialog.py" line="61" />
      <source>Head teacher next year</source>
      <translation>新学年班主任</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/new_school_year_dialog.py" line="66" />
      <source>&amp;Repeats the year</source>
      <translation>留级(&amp;R)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/new_school_year_dialog.py" line="67" />
      <source>&amp;Leaves the school</source>
      <translation>离校(&amp;L)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/new_school_year_dialog.py" line="68" />
      <source>&amp;Moves up as planned</source>
      <translation>按计划升级(&amp;M)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/new_school_year_dialog.py" line="73" />
      <source>Selected pupils:</source>
      <translation>所选学生：</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/new_school_year_dialog.py" line="79" />
      <source>S&amp;tart the new school year</source>
      <translation>开始新学年(&amp;T)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/new_school_year_dialog.py" line="128" />
      <source>%1: %2 pupils move up, %3 repeat, %4 leave, %5 graduate on %6; %7 classes next year. A backup is taken first, and everything is written at once or not at all.</source>
      <translation>%1：升级%2人，留级%3人，离校%4人，毕业%5人（毕业日期%6）；新学年共%7个班。开始前先备份，所有变更一次写入，要么全部完成，要么全不写入。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/new_school_year_dialog.py" line="171" />
      <source>Start %1 now? %2 pupils move up, %3 repeat, %4 leave and %5 graduate. A backup is taken first; this can be done only once for the year.</source>
      <translation>现在开始%1吗？升级%2人，留级%3人，离校%4人，毕业%5人。开始前会先备份；每个学年只能开始一次。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/new_school_year_dialog.py" line="184" />
      <source>Starting the new school year (backup first)…</source>
      <translation>正在开始新学年（先备份）…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/new_school_year_dialog.py" line="191" />
      <source>%1 has started: %2 pupils moved up, %3 graduated.</source>
      <translation>%1已开始：升级%2人，毕业%3人。</translation>
    </message>
  </context>
  <context>
    <name>ObservationDialog</name>
    <message>
      <location filename="../schooldesk/ui/dialogs/observation_dialog.py" line="41" />
      <source>Edit observation</source>
      <translation>修改听课记录</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/observation_dialog.py" line="41" />
      <source>New observation</source>
      <translation>新建听课记录</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/observation_dialog.py" line="46" />
      <source>&amp;Observer</source>
      <translation>听课人(&amp;O)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/observation_dialog.py" line="55" />
      <source>&amp;Teacher observed</source>
      <translation>执教者(&amp;T)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/observation_dialog.py" line="63" />
      <source>C&amp;lass</source>
      <translation>班级(&amp;L)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/observation_dialog.py" line="68" />
      <source>&amp;Subject</source>
      <translation>学科(&amp;S)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/observation_dialog.py" line="71" />
      <source>Lesson t&amp;itle</source>
      <translation>课题(&amp;I)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/observation_dialog.py" line="72" />
      <source>Lesson t&amp;ype</source>
      <translation>课型(&amp;Y)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/observation_dialog.py" line="74" />
      <source>&amp;Kind</source>
      <translation>听课类型(&amp;K)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/observation_dialog.py" line="75" />
      <source>&amp;Date</source>
      <translation>日期(&amp;D)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/observation_dialog.py" line="79" />
      <source>period </source>
      <translation>第 </translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/observation_dialog.py" line="80" />
      <source> of the day</source>
      <translation> 节</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/observation_dialog.py" line="81" />
      <source>Pe&amp;riod</source>
      <translation>节次(&amp;R)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/observation_dialog.py" line="82" />
      <source>&amp;Process record</source>
      <translation>教学过程记录(&amp;P)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/observation_dialog.py" line="87" />
      <source>(not scored)</source>
      <translation>（不评分）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/observation_dialog.py" line="93" />
      <source>%1 (as scored then)</source>
      <translation>%1（评分时的版本）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/observation_dialog.py" line="98" />
      <source>Ru&amp;bric</source>
      <translation>评价表(&amp;B)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/observation_dialog.py" line="99" />
      <source>Scores</source>
      <translation>评分</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/observation_dialog.py" line="105" />
      <source>This lesson</source>
      <translation>本节课</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/observation_dialog.py" line="106" />
      <source>not scored</source>
      <translation>未评分</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/observation_dialog.py" line="107" />
      <source>%1 observers, average %2</source>
      <translation>%1 人听课，平均 %2 分</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/observation_dialog.py" line="108" />
      <source>&amp;Highlights</source>
      <translation>亮点(&amp;H)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/observation_dialog.py" line="109" />
      <source>Su&amp;ggestions</source>
      <translation>建议(&amp;G)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/observation_dialog.py" line="110" />
      <source>Plans and ho&amp;mework</source>
      <translation>二看三查阅(&amp;M)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/observation_dialog.py" line="111" />
      <source>&amp;Evidence photos</source>
      <translation>佐证照片(&amp;E)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/observation_dialog.py" line="112" />
      <source>Lesson observation</source>
      <translation>听课评课</translation>
    </message>
  </context>
  <context>
    <name>ObservationRulesBox</name>
    <message>
      <location filename="../schooldesk/ui/pages/observation_rules_box.py" line="26" />
      <source>Lesson observation</source>
      <translation>听课评课</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observation_rules_box.py" line="36" />
      <source> lessons a semester</source>
      <translation> 节/学期</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observation_rules_box.py" line="41" />
      <source>Days from this date on count under the new quotas; earlier days keep the quotas then in force.</source>
      <translation>从这一天起按新要求计算；之前的日子仍按当时的要求。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observation_rules_box.py" line="43" />
      <source>In force from</source>
      <translation>生效日期</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observation_rules_box.py" line="44" />
      <source>Save quotas</source>
      <translation>保存听课要求</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observation_rules_box.py" line="49" />
      <source>Rubric</source>
      <translation>评价表</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observation_rules_box.py" line="50" />
      <source>Version</source>
      <translation>版本</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observation_rules_box.py" line="51" />
      <source>Observations</source>
      <translation>听课记录</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observation_rules_box.py" line="52" />
      <source>Maximum</source>
      <translation>满分</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observation_rules_box.py" line="58" />
      <source>New from a copy…</source>
      <translation>复制新建…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observation_rules_box.py" line="59" />
      <source>Edit rubric…</source>
      <translation>修改评价表…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observation_rules_box.py" line="60" />
      <source>Hide / show</source>
      <translation>停用/启用</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observation_rules_box.py" line="61" />
      <source>Use by default</source>
      <translation>设为默认</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observation_rules_box.py" line="68" />
      <source>Printed records carry the observed teacher's confirming signature</source>
      <translation>打印的听课记录附被听课教师确认签名</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observation_rules_box.py" line="113" />
      <source>Observation quotas saved; they hold from %1.</source>
      <translation>听课要求已保存，自 %1 起执行。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observation_rules_box.py" line="131" />
      <source>%1 (copy)</source>
      <translation>%1（副本）</translation>
    </message>
  </context>
  <context>
    <name>ObservationsPage</name>
    <message>
      <location filename="../schooldesk/ui/pages/observations.py" line="51" />
      <source>&amp;Observations</source>
      <translation>听课记录(&amp;O)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observations.py" line="52" />
      <source>Lessons &amp;against quota</source>
      <translation>听课统计(&amp;A)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observations.py" line="66" />
      <source>Date</source>
      <translation>日期</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observations.py" line="67" />
      <source>Period</source>
      <translation>节次</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observations.py" line="68" />
      <source>Observer</source>
      <translation>听课人</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observations.py" line="69" />
      <source>Teacher observed</source>
      <translation>执教者</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observations.py" line="70" />
      <source>Subject</source>
      <translation>学科</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observations.py" line="71" />
      <source>Class</source>
      <translation>班级</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observations.py" line="72" />
      <source>Lesson title</source>
      <translation>课题</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observations.py" line="73" />
      <source>Lesson type</source>
      <translation>课型</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observations.py" line="74" />
      <source>Kind</source>
      <translation>听课类型</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observations.py" line="75" />
      <source>Score</source>
      <translation>总分</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observations.py" line="76" />
      <source>Grade</source>
      <translation>等级</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observations.py" line="77" />
      <source>Lesson average</source>
      <translation>本节平均</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observations.py" line="80" />
      <source>&amp;Blank form…</source>
      <translation>空白表(&amp;B)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observations.py" line="81" />
      <source>E&amp;xcel…</source>
      <translation>导出Excel(&amp;X)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observations.py" line="83" />
      <source>Observer:</source>
      <translation>听课人：</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observations.py" line="83" />
      <source>Observed:</source>
      <translation>执教者：</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observations.py" line="84" />
      <source>Subject:</source>
      <translation>学科：</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observations.py" line="84" />
      <source>Kind:</source>
      <translation>类型：</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observations.py" line="90" />
      <source>Teacher</source>
      <translation>教师</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observations.py" line="91" />
      <source>Duties</source>
      <translation>职务</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observations.py" line="92" />
      <source>Observed / required</source>
      <translation>已听/应听</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observations.py" line="93" />
      <source>Due by now</source>
      <translation>按进度应听</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observations.py" line="94" />
      <source>Observed by others</source>
      <translation>被听</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observations.py" line="95" />
      <source>Standing</source>
      <translation>完成情况</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observations.py" line="102" />
      <source>Print the teacher's &amp;summary…</source>
      <translation>打印听课记录汇总(&amp;S)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observations.py" line="114" />
      <source>done</source>
      <translation>已完成</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observations.py" line="116" />
      <source>behind by %1</source>
      <translation>落后 %1 节</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observations.py" line="117" />
      <source>on track</source>
      <translation>进度正常</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observations.py" line="124" />
      <source>No semester has been set up.</source>
      <translation>尚未设置学期。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observations.py" line="151" />
      <source>Lesson observation, %1: %2 records shown</source>
      <translation>听课评课，%1：显示 %2 条记录</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observations.py" line="165" />
      <source>%1 of %2 teachers are behind the pace of their quota; %3 weeks of the semester left.</source>
      <translation>%2 位教师中有 %1 位听课进度落后；本学期还剩 %3 周。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observations.py" line="192" />
      <source>%1's observation (only they may change it)</source>
      <translation>%1的听课记录（只有本人可以修改）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/observations.py" line="195" />
      <source>Delete %1's record of %2's lesson “%3” on %4?</source>
      <translation>删除%1听%2老师《%3》（%4）的听课记录吗？</translation>
    </message>
  </context>
  <context>
    <name>OpenCaseDialog</name>
    <message>
      <location filename="../schooldesk/ui/dialogs/dropout_dialogs.py" line="20" />
      <source>Pupil stopped coming</source>
      <translation>学生未到校（辍学）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/dropout_dialogs.py" line="23" />
      <source>First day &amp;missed</source>
      <translation>开始缺课日期(&amp;M)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/dropout_dialogs.py" line="24" />
      <source>&amp;Stage</source>
      <translation>类型(&amp;S)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/dropout_dialogs.py" line="26" />
      <source>&amp;Reason</source>
      <translation>原因(&amp;R)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/dropout_dialogs.py" line="27" />
      <source>&amp;Details</source>
      <translation>详细情况(&amp;D)</translation>
    </message>
  </context>
  <context>
    <name>OutsideObserverDialog</name>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_record_dialogs.py" line="166" />
      <source>Observer from outside the school</source>
      <translation>校外听课人员</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_record_dialogs.py" line="170" />
      <source>&amp;Name</source>
      <translation>名称(&amp;N)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_record_dialogs.py" line="171" />
      <source>&amp;Post</source>
      <translation>身份(&amp;P)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_record_dialogs.py" line="173" />
      <source>&amp;Organisation (单位)</source>
      <translation>单位(&amp;O)</translation>
    </message>
  </context>
  <context>
    <name>OutsideObserversWindow</name>
    <message>
      <location filename="../schooldesk/ui/school_visits_window.py" line="123" />
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/school_visits_window.py" line="123" />
      <source>Post</source>
      <translation>身份</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/school_visits_window.py" line="124" />
      <source>Organisation</source>
      <translation>单位</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/school_visits_window.py" line="125" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/school_visits_window.py" line="125" />
      <source>Offered</source>
      <translation>可选</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/school_visits_window.py" line="125" />
      <source>No longer offered</source>
      <translation>不再列出</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/school_visits_window.py" line="129" />
      <source>Observers from outside the school</source>
      <translation>校外听课人员</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/school_visits_window.py" line="130" />
      <source>督学, 教研员 and 中心校 leaders who observe lessons here: the observation form offers them after the school's teachers. Their lessons count for the teacher observed, in no quota.</source>
      <translation>来校听课的督学、教研员和中心校领导：听课记录表在本校教师之后列出他们。他们的听课计入被听课教师的档案，不计入任何听课任务。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/school_visits_window.py" line="133" />
      <location filename="../schooldesk/ui/school_visits_window.py" line="150" />
      <source>Stop &amp;offering</source>
      <translation>不再列出(&amp;O)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/school_visits_window.py" line="149" />
      <source>Offer &amp;again</source>
      <translation>重新列出(&amp;A)</translation>
    </message>
  </context>
  <context>
    <name>PairDialog</name>
    <message>
      <location filename="../schooldesk/ui/dialogs/mentorship_dialogs.py" line="26" />
      <source>Mentoring pair — %1</source>
      <translation>师徒结对 — %1</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/mentorship_dialogs.py" line="30" />
      <source>&amp;Mentor</source>
      <translation>师傅(&amp;M)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/mentorship_dialogs.py" line="31" />
      <source>&amp;Apprentice</source>
      <translation>徒弟(&amp;A)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/mentorship_dialogs.py" line="36" />
      <source>&amp;Subject</source>
      <translation>学科(&amp;S)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/mentorship_dialogs.py" line="37" />
      <source>&amp;Kind of pairing</source>
      <translation>结对形式(&amp;K)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/mentorship_dialogs.py" line="40" />
      <source>A&amp;greement date</source>
      <translation>协议日期(&amp;G)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/mentorship_dialogs.py" line="42" />
      <source>G&amp;oals</source>
      <translation>带教目标(&amp;O)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/mentorship_dialogs.py" line="43" />
      <source>&amp;Content</source>
      <translation>带教内容(&amp;C)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/mentorship_dialogs.py" line="44" />
      <source>Meas&amp;ures</source>
      <translation>主要措施(&amp;U)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/mentorship_dialogs.py" line="45" />
      <source>S&amp;tatus</source>
      <translation>状态(&amp;T)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/mentorship_dialogs.py" line="46" />
      <source>&amp;Ended on</source>
      <translation>结束日期(&amp;E)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/mentorship_dialogs.py" line="47" />
      <source>&amp;Reason</source>
      <translation>原因(&amp;R)</translation>
    </message>
  </context>
  <context>
    <name>PairWindow</name>
    <message>
      <location filename="../schooldesk/ui/mentorship_window.py" line="46" />
      <source>Target</source>
      <translation>目标</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/mentorship_window.py" line="47" />
      <source>How often</source>
      <translation>周期</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/mentorship_window.py" line="48" />
      <source>Done / required</source>
      <translation>完成/要求</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/mentorship_window.py" line="49" />
      <source>Due by now</source>
      <translation>按进度应完成</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/mentorship_window.py" line="50" />
      <source>Standing</source>
      <translation>完成情况</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/mentorship_window.py" line="53" />
      <source>Date</source>
      <translation>日期</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/mentorship_window.py" line="54" />
      <source>Kind</source>
      <translation>类别</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/mentorship_window.py" line="55" />
      <source>Title or topic</source>
      <translation>课题或主题</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/mentorship_window.py" line="56" />
      <source>Score</source>
      <translation>总分</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/mentorship_window.py" line="57" />
      <source>Photos</source>
      <translation>照片</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/mentorship_window.py" line="58" />
      <source>What was done</source>
      <translation>内容</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/mentorship_window.py" line="66" />
      <source>&amp;Add a record…</source>
      <translation>添加记录(&amp;A)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/mentorship_window.py" line="67" />
      <source>&amp;Edit record…</source>
      <translation>编辑记录(&amp;E)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/mentorship_window.py" line="68" />
      <source>&amp;Delete record</source>
      <translation>删除记录(&amp;D)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/mentorship_window.py" line="69" />
      <source>Edit &amp;pair…</source>
      <translation>编辑结对(&amp;P)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/mentorship_window.py" line="70" />
      <source>A&amp;ssessment…</source>
      <translation>考核(&amp;S)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/mentorship_window.py" line="71" />
      <source>Print a&amp;greement…</source>
      <translation>打印协议书(&amp;G)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/mentorship_window.py" line="72" />
      <source>Print semester &amp;record…</source>
      <translation>打印学期记录(&amp;R)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/mentorship_window.py" line="73" />
      <source>Print assessment &amp;form…</source>
      <translation>打印考核表(&amp;F)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/mentorship_window.py" line="106" />
      <source>done</source>
      <translation>已完成</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/mentorship_window.py" line="107" />
      <source>behind by %1</source>
      <translation>落后 %1 次</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/mentorship_window.py" line="107" />
      <source>on track</source>
      <translation>进度正常</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/mentorship_window.py" line="128" />
      <source>%1 — mentoring pair, %2</source>
      <translation>%1 — 师徒结对，%2</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/mentorship_window.py" line="129" />
      <source>Subject</source>
      <translation>学科</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/mentorship_window.py" line="129" />
      <source>Kind of pairing</source>
      <translation>结对形式</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/mentorship_window.py" line="130" />
      <source>Agreement</source>
      <translation>协议日期</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/mentorship_window.py" line="130" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/mentorship_window.py" line="131" />
      <source>Goals</source>
      <translation>带教目标</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/mentorship_window.py" line="163" />
      <source>This is a lesson observation between the two; change it on the lesson observation page.</source>
      <translation>这是两人之间的听课记录，请在“听课评课”页面修改。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/mentorship_window.py" line="191" />
      <source>Delete the record of %1 (%2)?</source>
      <translation>删除 %1 的记录（%2）吗？</translation>
    </message>
  </context>
  <context>
    <name>PdfPreviewDialog</name>
    <message>
      <location filename="../schooldesk/ui/print_preview.py" line="63" />
      <source>Print preview — %1</source>
      <translation>打印预览 — %1</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/print_preview.py" line="74" />
      <source>Save as PDF…</source>
      <translation>另存为 PDF…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/print_preview.py" line="81" />
      <source>No printer is installed on this PC: save the PDF and print it elsewhere.</source>
      <translation>本机没有安装打印机：请另存为 PDF，到其他电脑上打印。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/print_preview.py" line="102" />
      <source>Save as PDF</source>
      <translation>另存为 PDF</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/print_preview.py" line="102" />
      <source>PDF (*.pdf)</source>
      <translation>PDF 文件 (*.pdf)</translation>
    </message>
  </context>
  <context>
    <name>PhonePhotosDialog</name>
    <message>
      <location filename="../schooldesk/ui/phone_photos_dialog.py" line="29" />
      <source>Receive photos from a phone</source>
      <translation>接收手机照片</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/phone_photos_dialog.py" line="51" />
      <source>&amp;Done</source>
      <translation>完成(&amp;D)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/phone_photos_dialog.py" line="54" />
      <source>For: %1</source>
      <translation>记录：%1</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/phone_photos_dialog.py" line="84" />
      <source>Not listening.</source>
      <translation>未在接收。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/phone_photos_dialog.py" line="88" />
      <source>Scan the code with the phone's camera, or open this address in its browser:
%1</source>
      <translation>用手机相机扫描二维码，或在手机浏览器中打开这个地址：
%1</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/phone_photos_dialog.py" line="90" />
      <source>The phone must be on the same Wi-Fi as this computer. If Windows asks whether SchoolDesk may use the network, allow it on private networks.</source>
      <translation>手机须和这台电脑连在同一个 Wi-Fi。如果 Windows 询问是否允许 SchoolDesk 访问网络，请在“专用网络”上允许。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/phone_photos_dialog.py" line="109" />
      <source>Received: %1 (refused: %2). Listening for %3 more minutes.</source>
      <translation>已收到：%1（拒收：%2）。还将接收 %3 分钟。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/phone_photos_dialog.py" line="113" />
      <source>Received: %1 (refused: %2). No longer listening.</source>
      <translation>已收到：%1（拒收：%2）。已停止接收。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/phone_photos_dialog.py" line="118" />
      <source>Nothing has arrived yet. Check that the phone is on the same Wi-Fi (not mobile data, not a guest network that keeps devices apart), that the address above opens on it, and that Windows allows SchoolDesk on private networks (the IT person can add the rule in the README).</source>
      <translation>还没有收到照片。请检查：手机是否连在同一个 Wi-Fi（不是移动数据，也不是隔离设备的访客网络）；手机能否打开上面的地址；Windows 是否允许 SchoolDesk 在专用网络上通信（可请电脑管理员按说明书添加防火墙规则）。</translation>
    </message>
  </context>
  <context>
    <name>PhotoField</name>
    <message>
      <location filename="../schooldesk/ui/photo_field.py" line="112" />
      <source>Add photos…</source>
      <translation>添加照片…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/photo_field.py" line="113" />
      <source>From a phone…</source>
      <translation>从手机接收(&amp;Q)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/photo_field.py" line="119" />
      <source>Remove</source>
      <translation>移除</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/photo_field.py" line="152" />
      <source>Add photos</source>
      <translation>添加照片</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/photo_field.py" line="152" />
      <source>Pictures (%1)</source>
      <translation>图片 (%1)</translation>
    </message>
  </context>
  <context>
    <name>PhotoList</name>
    <message>
      <location filename="../schooldesk/ui/photo_field.py" line="34" />
      <source>Drag photos here, or use “Add photos…”</source>
      <translation>把照片拖到这里，或点“添加照片…”</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/photo_field.py" line="42" />
      <source>Double-click to write a caption</source>
      <translation>双击填写照片说明</translation>
    </message>
  </context>
  <context>
    <name>PlanDialog</name>
    <message>
      <location filename="../schooldesk/ui/dialogs/home_teaching_dialogs.py" line="36" />
      <source>Home teaching plan — %1</source>
      <translation>送教上门计划 — %1</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/home_teaching_dialogs.py" line="52" />
      <location filename="../schooldesk/ui/dialogs/home_teaching_dialogs.py" line="53" />
      <source>Type or choose the child…</source>
      <translation>输入或选择学生…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/home_teaching_dialogs.py" line="57" />
      <source>&amp;Child</source>
      <translation>学生(&amp;C)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/home_teaching_dialogs.py" line="58" />
      <source>&amp;From</source>
      <translation>开始日期(&amp;F)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/home_teaching_dialogs.py" line="59" />
      <source>Months from this date on are judged against the visit rule.</source>
      <translation>从此日期起的各月按送教要求评判。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/home_teaching_dialogs.py" line="64" />
      <source>&amp;Until</source>
      <translation>结束日期(&amp;U)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/home_teaching_dialogs.py" line="65" />
      <source>&amp;Teachers (first: responsible)</source>
      <translation>送教教师(&amp;T)（第一位为负责人）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/home_teaching_dialogs.py" line="67" />
      <source>&amp;Goals</source>
      <translation>送教目标(&amp;G)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/home_teaching_dialogs.py" line="68" />
      <source>Individual plan</source>
      <translation>个别化教育计划</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/home_teaching_dialogs.py" line="69" />
      <source>e.g. recognise 100 common characters; eat without help</source>
      <translation>如：认识常用汉字100个；能独立进餐</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/home_teaching_dialogs.py" line="70" />
      <source>&amp;Schedule</source>
      <translation>送教安排(&amp;S)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/home_teaching_dialogs.py" line="71" />
      <source>e.g. Wednesday afternoons of the 1st and 3rd week</source>
      <translation>如：每月第一、三周周三下午</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/home_teaching_dialogs.py" line="97" />
      <source>The plan starts on %1, which is already past. %2 will be judged against the visit rule at once, and months without enough visits will show as not met.

Save with this start date?</source>
      <translation>计划开始日期%1已经过去。%2将立即按送教要求评判，送教次数不足的月份将显示为未达标。

按此开始日期保存吗？</translation>
    </message>
  </context>
  <context>
    <name>Printing</name>
    <message>
      <location filename="../schooldesk/ui/printing.py" line="42" />
      <source>Preparing the printout…</source>
      <translation>正在准备打印…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/printing.py" line="74" />
      <source>Writing the workbook…</source>
      <translation>正在生成 Excel 工作簿…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/printing.py" line="78" />
      <source>Export to Excel</source>
      <translation>导出Excel</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/printing.py" line="79" />
      <source>Excel workbook (*.xlsx)</source>
      <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
  </context>
  <context>
    <name>Profile</name>
    <message>
      <location filename="../schooldesk/services/profile.py" line="20" />
      <source>Category started</source>
      <translation>列入关爱类别</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/profile.py" line="21" />
      <source>Category ended</source>
      <translation>移出关爱类别</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/profile.py" line="22" />
      <source>Support</source>
      <translation>帮扶</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/profile.py" line="23" />
      <source>Stopped coming</source>
      <translation>辍学</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/profile.py" line="24" />
      <source>Persuade-to-return visit</source>
      <translation>劝返</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/profile.py" line="25" />
      <source>Case closed</source>
      <translation>结案</translation>
    </message>
    <message>
      <location filename="../schooldesk/services/profile.py" line="26" />
      <source>Activity</source>
      <translation>活动</translation>
    </message>
  </context>
  <context>
    <name>PupilDialog</name>
    <message>
      <location filename="../schooldesk/ui/dialogs/pupil_dialog.py" line="21" />
      <source>Edit pupil</source>
      <translation>编辑学生</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/pupil_dialog.py" line="21" />
      <source>New pupil</source>
      <translation>新建学生</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/pupil_dialog.py" line="26" />
      <source>&amp;Name</source>
      <translation>姓名(&amp;N)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/pupil_dialog.py" line="27" />
      <source>&amp;Gender</source>
      <translation>性别(&amp;G)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/pupil_dialog.py" line="28" />
      <source>ID type</source>
      <translation>身份证件类型</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/pupil_dialog.py" line="29" />
      <source>&amp;ID number</source>
      <translation>身份证件号(&amp;I)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/pupil_dialog.py" line="30" />
      <source>18 characters; birth date and gender are read from it</source>
      <translation>18位；出生日期和性别据此自动填写</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/pupil_dialog.py" line="31" />
      <source>&amp;Birth date</source>
      <translation>出生日期(&amp;B)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/pupil_dialog.py" line="32" />
      <source>Student n&amp;umber</source>
      <translation>学籍号(&amp;U)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/pupil_dialog.py" line="33" />
      <source>Ethnicity</source>
      <translation>民族</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/pupil_dialog.py" line="34" />
      <source>&amp;Class</source>
      <translation>班级(&amp;C)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/pupil_dialog.py" line="39" />
      <source>&amp;Status</source>
      <translation>学籍状态(&amp;S)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/pupil_dialog.py" line="40" />
      <source>Status since</source>
      <translation>状态日期</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/pupil_dialog.py" line="41" />
      <source>Household registration</source>
      <translation>户口所在地</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/pupil_dialog.py" line="43" />
      <source>Current address</source>
      <translation>现住址</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/pupil_dialog.py" line="44" />
      <source>Day pupil or boarder</source>
      <translation>就读方式</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/pupil_dialog.py" line="45" />
      <source>Distance to school (km)</source>
      <translation>上下学距离（公里）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/pupil_dialog.py" line="50" />
      <source>Way to school</source>
      <translation>上下学方式</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/pupil_dialog.py" line="55" />
      <source>Guardian %1: name</source>
      <translation>监护人%1 姓名</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/pupil_dialog.py" line="56" />
      <source>Guardian %1: relation</source>
      <translation>监护人%1 关系</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/pupil_dialog.py" line="58" />
      <source>Guardian %1: phone</source>
      <translation>监护人%1 电话</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/pupil_dialog.py" line="59" />
      <source>Guardian %1: works at</source>
      <translation>监护人%1 工作单位</translation>
    </message>
  </context>
  <context>
    <name>PupilPicker</name>
    <message>
      <location filename="../schooldesk/ui/activity_fields.py" line="81" />
      <source>Add</source>
      <translation>添加</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/activity_fields.py" line="82" />
      <source>Remove</source>
      <translation>移除</translation>
    </message>
  </context>
  <context>
    <name>PupilProfileWindow</name>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="57" />
      <source>&amp;Edit details…</source>
      <translation>编辑基本信息(&amp;E)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="59" />
      <location filename="../schooldesk/ui/pupil_profile.py" line="304" />
      <source>Print file</source>
      <translation>打印档案</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="68" />
      <source>Category</source>
      <translation>类别</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="69" />
      <source>Details</source>
      <translation>详情</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="70" />
      <source>From</source>
      <translation>开始</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="71" />
      <source>Until</source>
      <translation>结束</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="72" />
      <source>Responsible teacher</source>
      <translation>包保责任人</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="75" />
      <location filename="../schooldesk/ui/pupil_profile.py" line="97" />
      <source>Date</source>
      <translation>日期</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="76" />
      <source>Teacher</source>
      <translation>教师</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="77" />
      <source>Kind</source>
      <translation>形式</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="78" />
      <source>What was done</source>
      <translation>帮扶内容</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="82" />
      <source>Stopped coming</source>
      <translation>辍学</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="87" />
      <source>Stage</source>
      <translation>类型</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="83" />
      <source>Reason</source>
      <translation>原因</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="79" />
      <source>Effect</source>
      <translation>效果</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="84" />
      <source>Visits</source>
      <translation>劝返次数</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="85" />
      <source>Closed</source>
      <translation>结案</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="85" />
      <source>open</source>
      <translation>未结案</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="86" />
      <source>Closed with</source>
      <translation>结案结果</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="90" />
      <source>Visit date</source>
      <translation>走访日期</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="91" />
      <source>Who went</source>
      <translation>走访人员</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="92" />
      <source>Who was met</source>
      <translation>见到的人</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="93" />
      <source>Result</source>
      <translation>结果</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="94" />
      <source>What was said</source>
      <translation>谈话内容</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="98" />
      <source>What</source>
      <translation>事项</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="99" />
      <source>By</source>
      <translation>经办人</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="100" />
      <source>Record</source>
      <translation>记录</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="110" />
      <source>Add category…</source>
      <translation>添加关爱类别…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="111" />
      <source>Edit category…</source>
      <translation>编辑关爱类别…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="112" />
      <source>Add support record…</source>
      <translation>添加帮扶记录…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="113" />
      <source>Open support record…</source>
      <translation>打开帮扶记录…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="114" />
      <source>Delete support record</source>
      <translation>删除帮扶记录</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="115" />
      <source>Open visit…</source>
      <translation>打开劝返记录…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="116" />
      <source>Delete visit</source>
      <translation>删除劝返记录</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="124" />
      <source>Pupil stopped coming…</source>
      <translation>登记辍学…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="125" />
      <source>Log a visit…</source>
      <translation>添加劝返记录…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="126" />
      <source>Close the case…</source>
      <translation>结案…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="127" />
      <source>Confirm dropout</source>
      <translation>确认辍学</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="128" />
      <source>A suspected dropout (疑似辍学) turned out to be one.</source>
      <translation>疑似辍学经核实确为辍学。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="130" />
      <location filename="../schooldesk/ui/pupil_profile.py" line="312" />
      <source>Print the persuade-to-return record</source>
      <translation>打印劝返记录表</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="140" />
      <source>Everything, by date</source>
      <translation>全部记录（按日期）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="141" />
      <source>Care categories</source>
      <translation>关爱类别</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="143" />
      <source>Support records</source>
      <translation>帮扶记录</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="146" />
      <source>Persuade-to-return visits</source>
      <translation>劝返记录</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="155" />
      <source>Dropout and return</source>
      <translation>辍学与劝返</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="190" />
      <source>%1 — Pupil profile</source>
      <translation>%1 — 学生档案</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="195" />
      <source>Class</source>
      <translation>班级</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="195" />
      <source>Gender</source>
      <translation>性别</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="196" />
      <source>Birth date</source>
      <translation>出生日期</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="197" />
      <source>Ethnicity</source>
      <translation>民族</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="197" />
      <source>ID number</source>
      <translation>身份证件号</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="198" />
      <source>Student number</source>
      <translation>学籍号</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="198" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="199" />
      <source>Address</source>
      <translation>现住址</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="199" />
      <source>Guardians</source>
      <translation>监护人</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="270" />
      <source>Delete the support record of %1 (%2)? The audit trail keeps what it said.</source>
      <translation>删除%1的帮扶记录（%2）吗？操作日志会保留其内容。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pupil_profile.py" line="286" />
      <source>Delete the persuade-to-return visit of %1? The audit trail keeps what it said.</source>
      <translation>删除%1的劝返记录吗？操作日志会保留其内容。</translation>
    </message>
  </context>
  <context>
    <name>PupilsPage</name>
    <message>
      <location filename="../schooldesk/ui/pages/pupils.py" line="71" />
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/pupils.py" line="72" />
      <source>Gender</source>
      <translation>性别</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/pupils.py" line="73" />
      <source>Birth date</source>
      <translation>出生日期</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/pupils.py" line="74" />
      <source>Class</source>
      <translation>班级</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/pupils.py" line="75" />
      <source>Student number</source>
      <translation>学籍号</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/pupils.py" line="76" />
      <source>ID number</source>
      <translation>身份证件号</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/pupils.py" line="77" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/pupils.py" line="78" />
      <source>Care categories</source>
      <translation>关爱类别</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/pupils.py" line="86" />
      <source>Name, pinyin initials (zsh), ID or student number (Ctrl+F)</source>
      <translation>姓名、拼音首字母（如 zsh）、身份证号或学籍号 (Ctrl+F)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/pupils.py" line="182" />
      <source>All grades</source>
      <translation>全部年级</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/pupils.py" line="91" />
      <source>On roll</source>
      <translation>在籍学生</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/pupils.py" line="94" />
      <source>All pupils</source>
      <translation>全部学生</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/pupils.py" line="101" />
      <source>Include pupils who left</source>
      <translation>包括已离校学生</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/pupils.py" line="103" />
      <source>&amp;New…</source>
      <translation>新建(&amp;N)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/pupils.py" line="104" />
      <source>&amp;Edit…</source>
      <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/pupils.py" line="105" />
      <source>&amp;Profile…</source>
      <translation>学生档案(&amp;P)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/pupils.py" line="106" />
      <source>&amp;Import…</source>
      <translation>导入(&amp;I)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/pupils.py" line="107" />
      <source>Import &amp;template…</source>
      <translation>导入模板(&amp;T)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/pupils.py" line="167" />
      <source>All classes</source>
      <translation>全部班级</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/pupils.py" line="190" />
      <source>%1 pupils shown</source>
      <translation>显示 %1 名学生</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/pupils.py" line="254" />
      <source>Save the import template</source>
      <translation>保存导入模板</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/pupils.py" line="254" />
      <source>Excel workbook (*.xlsx)</source>
      <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
  </context>
  <context>
    <name>Questions</name>
    <message>
      <location filename="../schooldesk/ui/errors.py" line="65" />
      <source>Save the changes you made?</source>
      <translation>是否保存所做的修改？</translation>
    </message>
  </context>
  <context>
    <name>RecordsPage</name>
    <message>
      <location filename="../schooldesk/ui/pages/records_page.py" line="35" />
      <source>&amp;New…</source>
      <translation>新建(&amp;N)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/records_page.py" line="36" />
      <source>&amp;Edit…</source>
      <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/records_page.py" line="37" />
      <source>&amp;Delete</source>
      <translation>删除(&amp;D)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/records_page.py" line="38" />
      <source>&amp;Print…</source>
      <translation>打印(&amp;P)…</translation>
    </message>
  </context>
  <context>
    <name>RecoverAdminDialog</name>
    <message>
      <location filename="../schooldesk/ui/recovery.py" line="75" />
      <source>Forgot password</source>
      <translation>忘记密码</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/recovery.py" line="78" />
      <source>With the recovery code printed when the school was set up, set a new password for an administrator (a user name not yet used becomes a new administrator).</source>
      <translation>用建立学校时打印的恢复码为管理员设置新密码（尚未使用的用户名将成为新的管理员）。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/recovery.py" line="82" />
      <source>Recovery &amp;code</source>
      <translation>恢复码(&amp;C)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/recovery.py" line="84" />
      <source>&amp;Administrator</source>
      <translation>管理员(&amp;A)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/recovery.py" line="85" />
      <source>&amp;New password</source>
      <translation>新密码(&amp;N)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/recovery.py" line="98" />
      <source>A new password was set for %1. Sign in with it.</source>
      <translation>已为 %1 设置新密码，请用新密码登录。</translation>
    </message>
  </context>
  <context>
    <name>RecoveryCodeDialog</name>
    <message>
      <location filename="../schooldesk/ui/recovery.py" line="25" />
      <source>Administrator recovery code</source>
      <translation>管理员恢复码</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/recovery.py" line="27" />
      <source>Print this recovery code (or write it down) and keep it with the school seal. It is shown only now.</source>
      <translation>请打印（或抄下）此恢复码，与学校公章一同保管。它只在此时显示。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/recovery.py" line="39" />
      <source>If every administrator password is forgotten: in the sign-in window choose “Forgot password…”, type this code and set a new password. A code works once; a new one is shown then.</source>
      <translation>所有管理员密码都忘记时：在登录窗口点“忘记密码…”，输入此恢复码并设置新密码。恢复码只能用一次，用后会显示新的恢复码。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/recovery.py" line="44" />
      <source>&amp;Copy</source>
      <translation>复制(&amp;C)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/recovery.py" line="45" />
      <source>&amp;Print…</source>
      <translation>打印(&amp;P)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/recovery.py" line="56" />
      <source>Copied</source>
      <translation>已复制</translation>
    </message>
  </context>
  <context>
    <name>ReportsPage</name>
    <message>
      <location filename="../schooldesk/ui/pages/reports.py" line="57" />
      <source>&amp;Month of the monthly report:</source>
      <translation>月报月份(&amp;M)：</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/reports.py" line="59" />
      <source>F&amp;ull ID numbers (recorded in the audit trail)</source>
      <translation>导出完整身份证号(&amp;U)（记入审计日志）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/reports.py" line="62" />
      <source>Register or report</source>
      <translation>台账或报表</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/reports.py" line="63" />
      <source>Period</source>
      <translation>期间</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/reports.py" line="64" />
      <source>Rows</source>
      <translation>行数</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/reports.py" line="69" />
      <source>&amp;Export to Excel…</source>
      <translation>导出Excel(&amp;E)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/reports.py" line="70" />
      <source>&amp;Print…</source>
      <translation>打印(&amp;P)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/reports.py" line="71" />
      <source>&amp;All registers to Excel…</source>
      <translation>全部台账导出Excel(&amp;A)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/reports.py" line="105" />
      <source>No semester has been set up.</source>
      <translation>尚未设置学期。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/reports.py" line="113" />
      <source>Registers and reports, %1</source>
      <translation>台账与报表 — %1</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/reports.py" line="165" />
      <source>Export to Excel</source>
      <translation>导出Excel</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/reports.py" line="165" />
      <source>Excel workbook (*.xlsx)</source>
      <translation>Excel 工作簿 (*.xlsx)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/reports.py" line="186" />
      <source>Writing the workbook…</source>
      <translation>正在生成 Excel 工作簿…</translation>
    </message>
  </context>
  <context>
    <name>ResetPasswordDialog</name>
    <message>
      <location filename="../schooldesk/ui/dialogs/user_dialog.py" line="56" />
      <source>New password for %1</source>
      <translation>为 %1 设置新密码</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/user_dialog.py" line="59" />
      <source>&amp;New password</source>
      <translation>新密码(&amp;N)</translation>
    </message>
  </context>
  <context>
    <name>RubricDialog</name>
    <message>
      <location filename="../schooldesk/ui/dialogs/rubric_dialog.py" line="76" />
      <source>Edit rubric</source>
      <translation>修改评价表</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/rubric_dialog.py" line="76" />
      <source>New rubric</source>
      <translation>新建评价表</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/rubric_dialog.py" line="80" />
      <source>&amp;Name</source>
      <translation>名称(&amp;N)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/rubric_dialog.py" line="85" />
      <source>&amp;Scored by</source>
      <translation>评分方式(&amp;S)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/rubric_dialog.py" line="91" />
      <source>&amp;Rating labels</source>
      <translation>等级名称(&amp;R)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/rubric_dialog.py" line="92" />
      <source>&amp;Items</source>
      <translation>评价项目(&amp;I)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/rubric_dialog.py" line="93" />
      <source>&amp;Grades of the total</source>
      <translation>总分等级(&amp;G)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/rubric_dialog.py" line="95" />
      <source>Each grade with its lowest score, highest first; the last grade has no number.</source>
      <translation>每个等级写上最低分，从高到低；最后一个等级不写分数。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/rubric_dialog.py" line="101" />
      <source>Used by %1 observations: saving makes a new version; they keep theirs.</source>
      <translation>已有 %1 条听课记录使用：保存后生成新版本，原记录保持原版本。</translation>
    </message>
  </context>
  <context>
    <name>RubricItems</name>
    <message>
      <location filename="../schooldesk/ui/dialogs/rubric_dialog.py" line="29" />
      <source>Item</source>
      <translation>项目</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/rubric_dialog.py" line="29" />
      <source>Weight</source>
      <translation>权重</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/rubric_dialog.py" line="29" />
      <source>Own grades (optional)</source>
      <translation>本项等级（可不填）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/rubric_dialog.py" line="36" />
      <source>Add item</source>
      <translation>添加项目</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/rubric_dialog.py" line="37" />
      <source>Remove item</source>
      <translation>删除项目</translation>
    </message>
  </context>
  <context>
    <name>Saving</name>
    <message>
      <location filename="../schooldesk/ui/saving.py" line="43" />
      <source>Look in:</source>
      <translation>查找范围：</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/saving.py" line="44" />
      <source>Files of type:</source>
      <translation>文件类型：</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/saving.py" line="74" />
      <source>Saved to:
%1</source>
      <translation>已保存到：
%1</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/saving.py" line="78" />
      <source>&amp;Open folder</source>
      <translation>打开所在文件夹(&amp;O)</translation>
    </message>
  </context>
  <context>
    <name>SchoolForm</name>
    <message>
      <location filename="../schooldesk/ui/school_forms.py" line="34" />
      <source>School &amp;code (学校标识码)</source>
      <translation>学校标识码(&amp;C)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/school_forms.py" line="34" />
      <source>School na&amp;me</source>
      <translation>学校名称(&amp;M)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/school_forms.py" line="34" />
      <source>Co&amp;unty</source>
      <translation>所属县区(&amp;U)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/school_forms.py" line="35" />
      <source>&amp;Township</source>
      <translation>所属乡镇(&amp;T)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/school_forms.py" line="35" />
      <source>&amp;Address</source>
      <translation>地址(&amp;A)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/school_forms.py" line="35" />
      <source>&amp;Principal</source>
      <translation>校长(&amp;P)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/school_forms.py" line="35" />
      <source>P&amp;hone</source>
      <translation>电话(&amp;H)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/school_forms.py" line="37" />
      <source>10 digits, e.g. 2141051203</source>
      <translation>10 位数字，例如 2141051203</translation>
    </message>
  </context>
  <context>
    <name>SchoolPage</name>
    <message>
      <location filename="../schooldesk/ui/setup_wizard.py" line="40" />
      <source>Your school</source>
      <translation>学校信息</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/setup_wizard.py" line="40" />
      <source>These details print on every document sent to the bureau.</source>
      <translation>这些信息会印在报送教育局的每一份材料上。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/setup_wizard.py" line="47" />
      <source>Choose…</source>
      <translation>选择…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/setup_wizard.py" line="48" />
      <source>Decides the grades a roster may fill and the top grade that graduates; it can be changed later in Settings.</source>
      <translation>决定名册可以导入哪些年级、哪个年级毕业；以后可在“设置”中修改。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/setup_wizard.py" line="50" />
      <source>&amp;Kind of school</source>
      <translation>学校类型(&amp;K)</translation>
    </message>
  </context>
  <context>
    <name>SchoolVisitDialog</name>
    <message>
      <location filename="../schooldesk/ui/dialogs/school_visit_dialog.py" line="35" />
      <source>Visit received</source>
      <translation>视导督导记录</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/school_visit_dialog.py" line="39" />
      <source>&amp;Kind</source>
      <translation>类别(&amp;K)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/school_visit_dialog.py" line="40" />
      <source>&amp;Date</source>
      <translation>日期(&amp;D)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/school_visit_dialog.py" line="41" />
      <source>&amp;Who came</source>
      <translation>来访人员(&amp;W)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/school_visit_dialog.py" line="42" />
      <source>What they &amp;checked</source>
      <translation>检查内容(&amp;C)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/school_visit_dialog.py" line="43" />
      <source>&amp;Feedback (反馈意见)</source>
      <translation>反馈意见(&amp;F)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/school_visit_dialog.py" line="44" />
      <source>&amp;Items to put right (整改)</source>
      <translation>整改事项(&amp;I)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/school_visit_dialog.py" line="46" />
      <source>What to put right</source>
      <translation>整改事项</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/school_visit_dialog.py" line="46" />
      <source>Due by</source>
      <translation>整改期限</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/school_visit_dialog.py" line="46" />
      <source>Closed on</source>
      <translation>完成日期</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/school_visit_dialog.py" line="47" />
      <source>How it was put right</source>
      <translation>整改情况</translation>
    </message>
  </context>
  <context>
    <name>SchoolVisitsWindow</name>
    <message>
      <location filename="../schooldesk/ui/school_visits_window.py" line="85" />
      <source>Date</source>
      <translation>日期</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/school_visits_window.py" line="85" />
      <source>Kind</source>
      <translation>类别</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/school_visits_window.py" line="86" />
      <source>Who came</source>
      <translation>来访人员</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/school_visits_window.py" line="87" />
      <source>Items to put right</source>
      <translation>整改事项</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/school_visits_window.py" line="87" />
      <source>%1, open %2</source>
      <translation>%1 项，未完成 %2 项</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/school_visits_window.py" line="89" />
      <source>Feedback</source>
      <translation>反馈意见</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/school_visits_window.py" line="93" />
      <source>Visits received (视导, 督导) and what to put right</source>
      <translation>接受视导督导及整改</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/school_visits_window.py" line="94" />
      <source>Items not yet put right stay on the home page's to-do list until they are closed.</source>
      <translation>未完成的整改事项会一直列在首页的待办中，直到整改完成。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/school_visits_window.py" line="95" />
      <source>&amp;Delete</source>
      <translation>删除(&amp;D)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/school_visits_window.py" line="114" />
      <source>Delete the %1 of %2 and its items?</source>
      <translation>删除 %2 的%1记录及其整改事项？</translation>
    </message>
  </context>
  <context>
    <name>ScoreForm</name>
    <message>
      <location filename="../schooldesk/ui/observation_fields.py" line="48" />
      <location filename="../schooldesk/ui/observation_fields.py" line="56" />
      <source>%1 (%2 points)</source>
      <translation>%1（%2分）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/observation_fields.py" line="51" />
      <source>0 to %1</source>
      <translation>0—%1</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/observation_fields.py" line="61" />
      <source>Total</source>
      <translation>总分</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/observation_fields.py" line="89" />
      <source>%1 of %2 items scored</source>
      <translation>已评 %1/%2 项</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/observation_fields.py" line="91" />
      <source>%1 of %2 points — %3</source>
      <translation>%1 / %2 分 — %3</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/observation_fields.py" line="92" />
      <source>not scored</source>
      <translation>未评分</translation>
    </message>
  </context>
  <context>
    <name>SettingsPage</name>
    <message>
      <location filename="../schooldesk/ui/pages/settings.py" line="45" />
      <source>Decides the top grade that graduates when a new school year starts.</source>
      <translation>决定开始新学年时哪个年级毕业。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/settings.py" line="46" />
      <source>&amp;Kind of school</source>
      <translation>学校类型(&amp;K)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/settings.py" line="47" />
      <source>Save school details</source>
      <translation>保存学校信息</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/settings.py" line="50" />
      <source>School</source>
      <translation>学校</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/settings.py" line="56" />
      <source>Save term dates</source>
      <translation>保存学期日期</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/settings.py" line="59" />
      <source>School years and terms</source>
      <translation>学年与学期</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/settings.py" line="69" />
      <source>Interface language (applies after restart):</source>
      <translation>界面语言（重启后生效）：</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/settings.py" line="74" />
      <source>never</source>
      <translation>从不</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/settings.py" line="75" />
      <source> min</source>
      <translation> 分钟</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/settings.py" line="78" />
      <source>Lock after no use for:</source>
      <translation>无操作自动锁定：</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/settings.py" line="151" />
      <source>School details saved.</source>
      <translation>学校信息已保存。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/settings.py" line="156" />
      <source>Term dates of %1 saved.</source>
      <translation>%1的学期日期已保存。</translation>
    </message>
  </context>
  <context>
    <name>SetupWizard</name>
    <message>
      <location filename="../schooldesk/ui/setup_wizard.py" line="108" />
      <source>Set up SchoolDesk</source>
      <translation>设置 SchoolDesk</translation>
    </message>
  </context>
  <context>
    <name>Startup</name>
    <message>
      <location filename="../schooldesk/ui/startup.py" line="26" />
      <source>There is no good backup. SchoolDesk will start with an empty database.</source>
      <translation>没有完好的备份。SchoolDesk 将以空数据库启动。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/startup.py" line="29" />
      <source>%1

Restore the newest good backup, %2?

Choose No to start with an empty database.</source>
      <translation>%1

要恢复最新的完好备份 %2 吗？

选择“否”将以空数据库启动。</translation>
    </message>
  </context>
  <context>
    <name>StatusCheckDialog</name>
    <message>
      <location filename="../schooldesk/ui/status_check_dialog.py" line="38" />
      <source>学籍核查: the register against the 学籍 system</source>
      <translation>学籍核查：本校名册与学籍系统比对</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/status_check_dialog.py" line="42" />
      <source>Choose a fresh export of the 学籍 system (.xlsx or .xls): the pupils on roll are compared with it by 学籍号, ID number, or name and birth date.</source>
      <translation>请选择从学籍系统新导出的名单（.xlsx 或 .xls）：按学籍号、身份证号或姓名+出生日期与在籍学生比对。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/status_check_dialog.py" line="45" />
      <source>&amp;Choose file…</source>
      <translation>选择文件(&amp;C)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/status_check_dialog.py" line="47" />
      <source>Excel workbooks (*.xlsx *.xls)</source>
      <translation>Excel 工作簿 (*.xlsx *.xls)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/status_check_dialog.py" line="53" />
      <source>What</source>
      <translation>事项</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/status_check_dialog.py" line="53" />
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/status_check_dialog.py" line="54" />
      <source>Detail</source>
      <translation>详情</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/status_check_dialog.py" line="54" />
      <source>Row in the file</source>
      <translation>文件中的行</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/status_check_dialog.py" line="57" />
      <source>&amp;Open the pupil…</source>
      <translation>打开学生信息(&amp;O)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/status_check_dialog.py" line="67" />
      <source>File: %1</source>
      <translation>文件：%1</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/status_check_dialog.py" line="74" />
      <source>Comparing…</source>
      <translation>正在比对…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/status_check_dialog.py" line="79" />
      <source>Only in the 学籍 system</source>
      <translation>仅在学籍系统</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/status_check_dialog.py" line="80" />
      <source>Only in the register</source>
      <translation>仅在本校名册</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/status_check_dialog.py" line="82" />
      <source>Differs</source>
      <translation>信息不一致</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/status_check_dialog.py" line="82" />
      <source>%1: %2 here, %3 in the 学籍 system</source>
      <translation>%1：本校为 %2，学籍系统为 %3</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/status_check_dialog.py" line="88" />
      <source>%1 rows read, %2 pupils on roll: %3 only in the 学籍 system, %4 only in the register, %5 differences.</source>
      <translation>读取 %1 行，在籍学生 %2 人：仅在学籍系统 %3 人，仅在本校名册 %4 人，信息不一致 %5 处。</translation>
    </message>
  </context>
  <context>
    <name>SummariesPage</name>
    <message>
      <location filename="../schooldesk/ui/pages/summaries.py" line="34" />
      <source>Work summary</source>
      <translation>工作总结</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/summaries.py" line="35" />
      <source>Due</source>
      <translation>截止日期</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/summaries.py" line="36" />
      <source>State</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/summaries.py" line="36" />
      <source>drafted</source>
      <translation>已起草</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/summaries.py" line="36" />
      <source>not drafted yet</source>
      <translation>尚未起草</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/summaries.py" line="41" />
      <source>Figures the draft states (each as the registers count it):</source>
      <translation>草稿中的数据（均与台账统计一致）：</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/summaries.py" line="43" />
      <source>Figure</source>
      <translation>数据项</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/summaries.py" line="43" />
      <source>Value</source>
      <translation>数值</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/summaries.py" line="46" />
      <source>&amp;Draft as a Word document…</source>
      <translation>起草为Word文档(&amp;D)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/summaries.py" line="51" />
      <source>The draft opens in Word or WPS: the headings, the figures and small tables are written; complete the parts marked 【请补充】 (highlighted) before handing it in.</source>
      <translation>草稿可用Word或WPS打开：标题、数据和小表格已写好；上报前请补充标有【请补充】（黄色突出显示）的部分。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/summaries.py" line="71" />
      <source>No semester has been set up.</source>
      <translation>尚未设置学期。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/summaries.py" line="74" />
      <source>Work summaries, %1</source>
      <translation>工作总结（%1）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/summaries.py" line="94" />
      <source>Draft the work summary</source>
      <translation>起草工作总结</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/summaries.py" line="94" />
      <source>Word document (*.docx)</source>
      <translation>Word文档 (*.docx)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/summaries.py" line="116" />
      <source>Drafting the work summary…</source>
      <translation>正在起草工作总结…</translation>
    </message>
  </context>
  <context>
    <name>SupportDialog</name>
    <message>
      <location filename="../schooldesk/ui/dialogs/support_dialog.py" line="23" />
      <location filename="../schooldesk/ui/dialogs/support_dialog.py" line="36" />
      <source>Support record</source>
      <translation>帮扶记录</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/support_dialog.py" line="27" />
      <source>&amp;Date</source>
      <translation>日期(&amp;D)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/support_dialog.py" line="28" />
      <source>&amp;Teacher</source>
      <translation>帮扶教师(&amp;T)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/support_dialog.py" line="31" />
      <source>&amp;Kind</source>
      <translation>帮扶形式(&amp;K)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/support_dialog.py" line="33" />
      <source>&amp;What was done</source>
      <translation>帮扶内容(&amp;W)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/support_dialog.py" line="34" />
      <source>&amp;Effect</source>
      <translation>效果(&amp;E)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/support_dialog.py" line="35" />
      <source>&amp;Photos</source>
      <translation>佐证照片(&amp;P)</translation>
    </message>
  </context>
  <context>
    <name>SupportRulesBox</name>
    <message>
      <location filename="../schooldesk/ui/pages/support_rules_box.py" line="16" />
      <source>Support records needed</source>
      <translation>帮扶频率要求</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/support_rules_box.py" line="30" />
      <source> days absent without leave</source>
      <translation> 天无故缺课</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/support_rules_box.py" line="31" />
      <source>A pupil absent this long is recorded as a suspected dropout (疑似辍学) in the monthly report.</source>
      <translation>学生无故缺课达到该天数，即在月报中记为疑似辍学。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/support_rules_box.py" line="33" />
      <source>Suspected dropout after</source>
      <translation>疑似辍学认定</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/support_rules_box.py" line="34" />
      <source>Save</source>
      <translation>保存</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/support_rules_box.py" line="66" />
      <source>Support rules saved.</source>
      <translation>帮扶频率已保存。</translation>
    </message>
  </context>
  <context>
    <name>TeacherBox</name>
    <message>
      <location filename="../schooldesk/ui/fields.py" line="73" />
      <source>New teacher…</source>
      <translation>新增教师…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/fields.py" line="77" />
      <source>No teachers yet: choose “New teacher…” at the end of the list</source>
      <translation>还没有教师：请在列表末尾选择“新增教师…”</translation>
    </message>
  </context>
  <context>
    <name>TeacherChecklist</name>
    <message>
      <location filename="../schooldesk/ui/fields.py" line="140" />
      <source>Find a teacher: name or pinyin initials</source>
      <translation>查找教师：姓名或拼音首字母</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/fields.py" line="184" />
      <source>Chosen: %1</source>
      <translation>已选：%1</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/fields.py" line="184" />
      <source>Chosen: none yet</source>
      <translation>已选：尚未选择</translation>
    </message>
  </context>
  <context>
    <name>TeacherDialog</name>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_dialog.py" line="21" />
      <source>Edit teacher</source>
      <translation>编辑教师</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_dialog.py" line="21" />
      <source>New teacher</source>
      <translation>新增教师</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_dialog.py" line="24" />
      <source>&amp;Name</source>
      <translation>姓名(&amp;N)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_dialog.py" line="25" />
      <source>&amp;Gender</source>
      <translation>性别(&amp;G)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_dialog.py" line="27" />
      <source>&amp;Subjects</source>
      <translation>任教学科(&amp;S)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_dialog.py" line="28" />
      <source>e.g. 语文、数学</source>
      <translation>例如：语文、数学</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_dialog.py" line="29" />
      <source>&amp;Title</source>
      <translation>职称(&amp;T)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_dialog.py" line="31" />
      <source>&amp;Phone</source>
      <translation>电话(&amp;P)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_dialog.py" line="34" />
      <source>&amp;Duties</source>
      <translation>职务(&amp;D)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_dialog.py" line="36" />
      <source>The highest quota of the duties held applies to lesson observation.</source>
      <translation>听课节数按所任职务中要求最高的一项计算。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_dialog.py" line="37" />
      <source>Duties &amp;from</source>
      <translation>职务变动日期(&amp;F)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_dialog.py" line="38" />
      <source>A change of duties counts from this day on.</source>
      <translation>职务变动从这一天起生效。</translation>
    </message>
  </context>
  <context>
    <name>TeacherFileWindow</name>
    <message>
      <location filename="../schooldesk/ui/teacher_file_window.py" line="50" />
      <source>This semester</source>
      <translation>本学期</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/teacher_file_window.py" line="51" />
      <source>This school year</source>
      <translation>本学年</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/teacher_file_window.py" line="57" />
      <source>Training</source>
      <translation>培训</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/teacher_file_window.py" line="58" />
      <source>Programme</source>
      <translation>培训项目</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/teacher_file_window.py" line="58" />
      <location filename="../schooldesk/ui/teacher_file_window.py" line="68" />
      <source>Level</source>
      <translation>级别</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/teacher_file_window.py" line="59" />
      <location filename="../schooldesk/ui/teacher_file_window.py" line="72" />
      <source>From</source>
      <translation>开始</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/teacher_file_window.py" line="59" />
      <location filename="../schooldesk/ui/teacher_file_window.py" line="72" />
      <source>Until</source>
      <translation>结束</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/teacher_file_window.py" line="60" />
      <source>Hours</source>
      <translation>学时</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/teacher_file_window.py" line="60" />
      <source>Organised by</source>
      <translation>组织单位</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/teacher_file_window.py" line="61" />
      <location filename="../schooldesk/ui/teacher_file_window.py" line="69" />
      <source>Photos</source>
      <translation>照片</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/teacher_file_window.py" line="62" />
      <source>师德</source>
      <translation>师德</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/teacher_file_window.py" line="63" />
      <location filename="../schooldesk/ui/teacher_file_window.py" line="67" />
      <source>Date</source>
      <translation>日期</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/teacher_file_window.py" line="63" />
      <location filename="../schooldesk/ui/teacher_file_window.py" line="71" />
      <source>Kind</source>
      <translation>类别</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/teacher_file_window.py" line="64" />
      <source>Grade</source>
      <translation>年级</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/teacher_file_window.py" line="64" />
      <source>What it says</source>
      <translation>内容</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/teacher_file_window.py" line="65" />
      <source>How it was handled</source>
      <translation>处理情况</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/teacher_file_window.py" line="66" />
      <source>Honours and competitions</source>
      <translation>荣誉与竞赛</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/teacher_file_window.py" line="67" />
      <source>Title or competition</source>
      <translation>荣誉称号或竞赛</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/teacher_file_window.py" line="68" />
      <source>Prize or grade</source>
      <translation>等次</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/teacher_file_window.py" line="69" />
      <source>Given by</source>
      <translation>颁发单位</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/teacher_file_window.py" line="70" />
      <source>Exchanges</source>
      <translation>交流支教</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/teacher_file_window.py" line="71" />
      <source>Where</source>
      <translation>地点</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/teacher_file_window.py" line="73" />
      <source>Notes</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/teacher_file_window.py" line="83" />
      <source>&amp;Add…</source>
      <translation>添加(&amp;A)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/teacher_file_window.py" line="84" />
      <source>&amp;Edit…</source>
      <translation>编辑(&amp;E)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/teacher_file_window.py" line="85" />
      <source>&amp;Delete</source>
      <translation>删除(&amp;D)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/teacher_file_window.py" line="86" />
      <source>&amp;Print file…</source>
      <translation>打印档案(&amp;P)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/teacher_file_window.py" line="97" />
      <source>Counts for:</source>
      <translation>统计范围：</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/teacher_file_window.py" line="123" />
      <source>%1 — teacher's file, %2</source>
      <translation>%1 — 教师专业成长档案，%2</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/teacher_file_window.py" line="124" />
      <source>Duties</source>
      <translation>职务</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/teacher_file_window.py" line="124" />
      <source>Lessons observed</source>
      <translation>听课</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/teacher_file_window.py" line="125" />
      <source>Lessons observed by others</source>
      <translation>被听课</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/teacher_file_window.py" line="125" />
      <source>%1 (from outside the school: %2)</source>
      <translation>%1（其中校外人员 %2）</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/teacher_file_window.py" line="127" />
      <source>Training hours</source>
      <translation>培训学时</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/teacher_file_window.py" line="127" />
      <source>Home visits</source>
      <translation>家访</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/teacher_file_window.py" line="128" />
      <source>Home teaching visits</source>
      <translation>送教上门</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/teacher_file_window.py" line="129" />
      <source>Mentoring</source>
      <translation>师徒结对</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/teacher_file_window.py" line="129" />
      <source>mentor of %1, apprentice of %2, %3 guidance records</source>
      <translation>师傅 %1 对，徒弟 %2 对，指导记录 %3 次</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/teacher_file_window.py" line="183" />
      <source>Delete this record (%1)?</source>
      <translation>删除这条记录（%1）？</translation>
    </message>
  </context>
  <context>
    <name>TeacherImportDialog</name>
    <message>
      <location filename="../schooldesk/ui/teacher_import_dialog.py" line="20" />
      <source>Import teachers</source>
      <translation>导入教师</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/teacher_import_dialog.py" line="21" />
      <source>Choose an Excel list of the teachers (.xlsx or .xls) with the columns %1; only 姓名 and 性别 are required.</source>
      <translation>请选择教师名单 Excel 文件（.xlsx 或 .xls），列名为%1；只有姓名和性别必填。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/teacher_import_dialog.py" line="36" />
      <source>&amp;Import %1 teachers</source>
      <translation>导入 %1 名教师(&amp;I)</translation>
    </message>
  </context>
  <context>
    <name>TeacherRecordDialog</name>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_record_dialogs.py" line="44" />
      <source>Photos of the cer&amp;tificate</source>
      <translation>证书照片(&amp;T)</translation>
    </message>
  </context>
  <context>
    <name>TeachersPage</name>
    <message>
      <location filename="../schooldesk/ui/pages/teachers.py" line="23" />
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/teachers.py" line="24" />
      <source>Gender</source>
      <translation>性别</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/teachers.py" line="25" />
      <source>Subjects</source>
      <translation>任教学科</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/teachers.py" line="26" />
      <source>Title</source>
      <translation>职称</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/teachers.py" line="27" />
      <source>Duties</source>
      <translation>职务</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/teachers.py" line="28" />
      <source>Phone</source>
      <translation>电话</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/teachers.py" line="29" />
      <source>Status</source>
      <translation>状态</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/teachers.py" line="29" />
      <source>Active</source>
      <translation>在用</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/teachers.py" line="29" />
      <source>Inactive</source>
      <translation>已停用</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/teachers.py" line="34" />
      <source>&amp;Import from Excel…</source>
      <translation>从 Excel 导入(&amp;I)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/teachers.py" line="35" />
      <source>Add or update many teachers at once from an Excel list.</source>
      <translation>从 Excel 名单一次添加或更新多名教师。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/teachers.py" line="38" />
      <source>Teacher's &amp;file…</source>
      <translation>教师档案(&amp;F)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/teachers.py" line="40" />
      <source>Training, 师德, honours, and what the teacher did this semester; print the teacher's file.</source>
      <translation>培训、师德、荣誉以及本学期的工作实绩；可打印教师专业成长档案。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/teachers.py" line="43" />
      <source>&amp;Visits received…</source>
      <translation>视导督导(&amp;V)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/teachers.py" line="44" />
      <source>视导 and 督导 the school received, and the items to put right.</source>
      <translation>学校接受的视导、督导及整改事项。</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/teachers.py" line="46" />
      <source>&amp;Outside observers…</source>
      <translation>校外听课人员(&amp;O)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/teachers.py" line="47" />
      <source>督学, 教研员 and others from outside who observe lessons here.</source>
      <translation>来校听课的督学、教研员等校外人员。</translation>
    </message>
  </context>
  <context>
    <name>TermForm</name>
    <message>
      <location filename="../schooldesk/ui/school_forms.py" line="52" />
      <source>School &amp;year starting in</source>
      <translation>学年起始年份(&amp;Y)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/school_forms.py" line="54" />
      <source>First term starts</source>
      <translation>第一学期开始</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/school_forms.py" line="55" />
      <source>First term ends</source>
      <translation>第一学期结束</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/school_forms.py" line="56" />
      <source>Second term starts</source>
      <translation>第二学期开始</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/school_forms.py" line="57" />
      <source>Second term ends</source>
      <translation>第二学期结束</translation>
    </message>
  </context>
  <context>
    <name>TermsPage</name>
    <message>
      <location filename="../schooldesk/ui/setup_wizard.py" line="59" />
      <source>School year and terms</source>
      <translation>学年和学期</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/setup_wizard.py" line="60" />
      <source>Records are filed by term according to their dates. You can add more years later.</source>
      <translation>各项记录按日期归入学期。以后可以在“设置”中添加其他学年。</translation>
    </message>
  </context>
  <context>
    <name>TrainingDialog</name>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_record_dialogs.py" line="65" />
      <location filename="../schooldesk/ui/dialogs/teacher_record_dialogs.py" line="79" />
      <source>Training</source>
      <translation>培训</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_record_dialogs.py" line="68" />
      <source>&amp;Programme</source>
      <translation>培训项目(&amp;P)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_record_dialogs.py" line="69" />
      <source>&amp;Level</source>
      <translation>级别(&amp;L)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_record_dialogs.py" line="70" />
      <source>&amp;From</source>
      <translation>开始日期(&amp;F)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_record_dialogs.py" line="71" />
      <source>&amp;Until</source>
      <translation>结束日期(&amp;U)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_record_dialogs.py" line="72" />
      <source>&amp;Hours (学时)</source>
      <translation>学时(&amp;H)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_record_dialogs.py" line="77" />
      <source>&amp;Organised by</source>
      <translation>组织单位(&amp;O)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/teacher_record_dialogs.py" line="78" />
      <source>&amp;Certificate number</source>
      <translation>证书编号(&amp;C)</translation>
    </message>
  </context>
  <context>
    <name>UserDialog</name>
    <message>
      <location filename="../schooldesk/ui/dialogs/user_dialog.py" line="19" />
      <source>Repeat pass&amp;word</source>
      <translation>再次输入密码(&amp;W)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/user_dialog.py" line="33" />
      <source>User account</source>
      <translation>用户账号</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/user_dialog.py" line="37" />
      <source>&amp;User name</source>
      <translation>用户名(&amp;U)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/user_dialog.py" line="39" />
      <source>&amp;Role</source>
      <translation>角色(&amp;R)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/user_dialog.py" line="43" />
      <source>&amp;Teacher</source>
      <translation>帮扶教师(&amp;T)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/user_dialog.py" line="44" />
      <source>&amp;Password</source>
      <translation>密码(&amp;P)</translation>
    </message>
  </context>
  <context>
    <name>UsersBox</name>
    <message>
      <location filename="../schooldesk/ui/pages/users_box.py" line="17" />
      <source>Users and audit trail</source>
      <translation>用户与审计日志</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/users_box.py" line="21" />
      <source>User name</source>
      <translation>用户名</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/users_box.py" line="22" />
      <source>Role</source>
      <translation>角色</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/users_box.py" line="23" />
      <source>Teacher</source>
      <translation>教师</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/users_box.py" line="24" />
      <source>In use</source>
      <translation>在用</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/users_box.py" line="24" />
      <source>yes</source>
      <translation>是</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/users_box.py" line="24" />
      <source>no</source>
      <translation>否</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/users_box.py" line="28" />
      <source>New user…</source>
      <translation>新建用户…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/users_box.py" line="29" />
      <source>Edit…</source>
      <translation>编辑…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/users_box.py" line="30" />
      <source>Reset password…</source>
      <translation>重设密码…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/users_box.py" line="31" />
      <source>Deactivate</source>
      <translation>停用</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/pages/users_box.py" line="32" />
      <source>Audit trail…</source>
      <translation>审计日志…</translation>
    </message>
  </context>
  <context>
    <name>VisitDialog</name>
    <message>
      <location filename="../schooldesk/ui/dialogs/dropout_dialogs.py" line="40" />
      <location filename="../schooldesk/ui/dialogs/dropout_dialogs.py" line="52" />
      <source>Persuade-to-return visit</source>
      <translation>劝返</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/dropout_dialogs.py" line="44" />
      <source>&amp;Date</source>
      <translation>日期(&amp;D)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/dropout_dialogs.py" line="45" />
      <source>&amp;Who went</source>
      <translation>参加人员(&amp;W)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/dropout_dialogs.py" line="46" />
      <source>e.g. 王老师、村主任李明</source>
      <translation>如：王老师、村主任李明</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/dropout_dialogs.py" line="47" />
      <source>Who was &amp;met</source>
      <translation>见到的人(&amp;M)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/dropout_dialogs.py" line="48" />
      <source>e.g. the pupil, the mother, the grandfather</source>
      <translation>如：学生本人、母亲、祖父</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/dropout_dialogs.py" line="49" />
      <source>What was &amp;said</source>
      <translation>谈话内容(&amp;S)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/dropout_dialogs.py" line="50" />
      <source>&amp;Result</source>
      <translation>结果(&amp;R)</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/dialogs/dropout_dialogs.py" line="51" />
      <source>&amp;Photos</source>
      <translation>佐证照片(&amp;P)</translation>
    </message>
  </context>
  <context>
    <name>Windows</name>
    <message>
      <location filename="../schooldesk/ui/dialogs/record_dialog.py" line="189" />
      <source>It was deleted elsewhere (in another window, on a page or by restoring a backup), so its window was closed.</source>
      <translation>它已在别处删除（另一个窗口、某个页面，或恢复了备份），所以这个窗口已关闭。</translation>
    </message>
  </context>
  <context>
    <name>_ListWindow</name>
    <message>
      <location filename="../schooldesk/ui/school_visits_window.py" line="36" />
      <source>&amp;Add…</source>
      <translation>添加(&amp;A)…</translation>
    </message>
    <message>
      <location filename="../schooldesk/ui/school_visits_window.py" line="37" />
      <source>&amp;Edit…</source>
      <translation>编辑(&amp;E)…</translation>
    </message>
  </context>
  <context>
    <name>argparse</name>
    <message>
      <location filename="../schooldesk/cli/help.py" line="13" />
      <source>usage: </source>
      <translation>用法：</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="14" />
      <source>positional arguments</source>
      <translation>位置参数</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="15" />
      <source>options</source>
      <translation>选项</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="16" />
      <source>show this help message and exit</source>
      <translation>显示本帮助并退出</translation>
    </message>
    <message>
      <location filename="../schooldesk/cli/help.py" line="17" />
      <source>show program's version number and exit</source>
      <translation>显示程序版本号并退出</translation>
    </message>
  </context>
</TS>